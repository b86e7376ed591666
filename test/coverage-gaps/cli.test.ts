/**
 * The `jwkit` CLI, in-process. test/cli, test/keyring/cli.test.ts and
 * test/pem/cli-convert.test.ts run the BUILT CLI as a child process — the
 * end-to-end proof — but V8 coverage of the test process cannot see a child.
 * This file calls `main(argv)` of src/cli/main.ts directly (stdout, stderr and
 * stdin swapped for buffers), through every command and its failure paths,
 * and checks what comes out, so the CLI's lines count towards the coverage
 * that `npm test` enforces (issue 14 point 1).
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseJwk, thumbprint } from '../../src/jwk/index.js';
import { verifyJwt } from '../../src/jwt/index.js';
import { VERSION } from '../../src/lib/version.js';
import { loadVector } from '../helpers/vectors.js';

// main.ts runs itself on import (`process.exitCode = await main(argv)`): give it a harmless argv.
const argv = process.argv;
const exitCode = process.exitCode;
process.argv = [argv[0]!, 'jwkit', '--version'];
const writes = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
const { main } = await import('../../src/cli/main.js');
writes.mockRestore();
process.argv = argv;
process.exitCode = exitCode;

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `jwkit ...args` in this process; `stdin` is what `-` reads. */
async function run(args: readonly string[], stdin?: string): Promise<Result> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  const realStdin = Object.getOwnPropertyDescriptor(process, 'stdin');
  if (stdin !== undefined) Object.defineProperty(process, 'stdin', { value: Readable.from([Buffer.from(stdin)]), configurable: true });
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    if (stdin !== undefined && realStdin) Object.defineProperty(process, 'stdin', realStdin);
  }
}

let dir: string;
const file = (name: string) => join(dir, name);
const write = (name: string, text: string) => {
  writeFileSync(file(name), text);
  return file(name);
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'jwkit-cli-inproc-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('CLI in-process: help, version and usage', () => {
  it('--version, -v, --help, help <cmd>, <cmd> --help', async () => {
    expect(await run(['--version'])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
    expect((await run(['-v'])).stdout).toBe(`${VERSION}\n`);
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    for (const c of ['keygen', 'jwks', 'thumbprint', 'sign', 'verify', 'decode', 'convert', 'keyring']) expect(help.stdout).toContain(c);
    expect((await run(['help', 'sign'])).stdout).toMatch(/^Usage: jwkit sign/);
    expect((await run(['help', 'nope'])).stdout).toContain('Commands:');
    expect((await run(['-h'])).code).toBe(0);
    const cmdHelp = await run(['verify', '--help']);
    expect(cmdHelp.code).toBe(0);
    expect(cmdHelp.stdout).toMatch(/^Usage: jwkit verify/);
  });

  it('no command, an unknown command, unknown options and wrong argument counts exit 2', async () => {
    const none = await run([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Usage: jwkit <command>');
    const unknown = await run(['frobnicate-with-a-very-long-name']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate-with-a-very-l…"'); // clipped to 24 characters
    expect((await run(['decode', '--bogus', 'x'])).code).toBe(2);
    expect((await run(['decode'])).stderr).toContain('missing argument (expected 1)');
    expect((await run(['decode', 'a', 'b'])).stderr).toContain('unexpected argument "b"');
    expect((await run(['sign', '--key', ''])).stderr).toContain('--key must not be empty');
  });
});

describe('CLI in-process: keygen, jwks, thumbprint, convert', () => {
  it('keygen prints a key pair with alg, use and the thumbprint kid; --kid; HS256; files never overwritten', async () => {
    const r = await run(['keygen', '--alg', 'Ed25519']);
    expect(r.code).toBe(0);
    const { privateJwk, publicJwk } = JSON.parse(r.stdout) as { privateJwk: Record<string, string>; publicJwk: Record<string, string> };
    expect(publicJwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'Ed25519', use: 'sig' });
    expect(privateJwk.kid).toBe(await thumbprint(parseJwk(publicJwk)));
    expect(JSON.parse((await run(['keygen', '--kid', 'mine'])).stdout).publicJwk.kid).toBe('mine');
    expect(JSON.parse((await run(['keygen', '--alg', 'HS256', '--kid', 's1'])).stdout).secretJwk).toMatchObject({ kty: 'oct', alg: 'HS256', kid: 's1' });

    const secretFile = file('secret.json');
    expect((await run(['keygen', '--alg', 'HS384', '--private', secretFile])).code).toBe(0);
    expect(parseJwk(readFileSync(secretFile, 'utf8')).alg).toBe('HS384');
    expect((await run(['keygen', '--alg', 'HS256', '--public', file('x.json')])).stderr).toContain('there is no public key to write');

    const w = await run(['keygen', '--alg', 'ES256', '--private', file('p.json'), '--public', file('q.json')]);
    expect(w.code).toBe(0);
    expect(w.stderr).toContain('wrote');
    expect(statSync(file('p.json')).mode & 0o777).toBe(0o600);
    const again = await run(['keygen', '--private', file('p.json'), '--public', file('q2.json')]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
    expect((await run(['keygen', '--private', file('only.json')])).stderr).toContain('give both --private and --public');
    expect((await run(['keygen', '--alg', 'none'])).code).toBe(2);
    expect((await run(['keygen', '--alg', 'RS256', '--modulus-length', '2048bits'])).stderr).toContain('--modulus-length takes a number');
    expect((await run(['keygen', '--private', join(dir, 'no', 'such', 'dir.json'), '--public', file('q3.json')])).stderr).toContain('ENOENT');
  });

  it('jwks builds a set, notes private keys, refuses secrets (ERR_JWKS_INVALID) and skips unsupported keys', async () => {
    const pair = JSON.parse((await run(['keygen', '--alg', 'ES256', '--kid', 'a'])).stdout) as { privateJwk: object; publicJwk: object };
    const pub = write('a.pub.json', JSON.stringify(pair.publicJwk));
    const priv = write('a.priv.json', JSON.stringify({ ...pair.privateJwk, kid: 'b' }));
    const x25519 = write('x.json', JSON.stringify({ keys: [{ kty: 'OKP', crv: 'X25519', x: 'hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo', kid: 'x' }] }));
    const r = await run(['jwks', pub, priv, x25519]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { keys: { kid: string; d?: string }[] }).keys.map((k) => [k.kid, k.d])).toEqual([['a', undefined], ['b', undefined]]);
    expect(r.stderr).toContain('only its public half');
    const secret = await run(['jwks', file('secret.json')]);
    expect(secret.code).toBe(1);
    expect(secret.stderr).toMatch(/^ERR_JWKS_INVALID: /);
    const dup = await run(['jwks', pub, pub]);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toMatch(/^ERR_JWKS_INVALID: .*two keys with kid/);
    expect((await run(['jwks', file('missing.json')])).code).toBe(2);
  });

  it('thumbprint: RFC 7638 §3.1 and the RFC 9278 URI; --hash; bad hash; stdin', async () => {
    const v = loadVector<{ vectors: { jwk?: object; thumbprint_sha256_b64u?: string }[] }>('rfc7638.json');
    const jwk = v.vectors.find((x) => x.jwk !== undefined)!;
    const path = write('rfc7638.json', JSON.stringify(jwk.jwk));
    expect((await run(['thumbprint', path])).stdout).toBe('NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs\n');
    expect((await run(['thumbprint', path, '--uri'])).stdout).toBe('urn:ietf:params:oauth:jwk-thumbprint:sha-256:NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs\n');
    expect((await run(['thumbprint', path, '--hash', 'sha-512'])).stdout).toMatch(/^[A-Za-z0-9_-]{86}\n$/);
    expect((await run(['thumbprint', path, '--hash', 'MD5'])).code).toBe(2);
    expect((await run(['thumbprint', '-'], JSON.stringify(jwk.jwk))).stdout).toBe('NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs\n');
    const bad = await run(['thumbprint', write('bad.json', '{"kty":"RSA"}')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^ERR_JWK_INVALID: /);
  });

  it('convert: PEM and DER to JWK (with --alg/--kid/--passphrase-file), JWK to PEM, and the refusals', async () => {
    const pemDir = new URL('../fixtures/pem/', import.meta.url);
    const fixture = (n: string) => new URL(n, pemDir).pathname;
    const fromPem = await run(['convert', fixture('p256.spki.pem'), '--alg', 'ES256', '--kid', 'p']);
    expect(fromPem.code).toBe(0);
    expect(JSON.parse(fromPem.stdout)).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', kid: 'p' });
    expect(JSON.parse((await run(['convert', fixture('p256.spki.der')])).stdout)).toMatchObject({ kty: 'EC', crv: 'P-256' });
    const pass = write('pass.txt', 'jwkit-test-passphrase\nsecond line ignored\n');
    expect(JSON.parse((await run(['convert', fixture('p256.enc-aes128-sha1.pem'), '--passphrase-file', pass])).stdout)).toHaveProperty('d');
    expect((await run(['convert', fixture('p256.enc-aes128-sha1.pem'), '--passphrase-file', file('nope.txt')])).stderr).toContain('cannot read the passphrase file');
    const jwkFile = write('ed.json', (await run(['convert', fixture('ed25519.spki.pem')])).stdout);
    const pem = await run(['convert', jwkFile]);
    expect(pem.stdout).toBe(readFileSync(fixture('ed25519.spki.pem'), 'utf8'));
    expect((await run(['convert', jwkFile, '--alg', 'EdDSA'])).stderr).toContain('apply to PEM or DER input');
    const dsa = await run(['convert', fixture('dsa.spki.pem')]);
    expect(dsa.code).toBe(1);
    expect(dsa.stderr).toMatch(/^ERR_PEM_INVALID: /);
    expect(JSON.parse((await run(['jwks', fixture('p256.selfsigned.crt')])).stdout).keys[0]).toHaveProperty('x5c');
  });
});

describe('CLI in-process: sign, verify, decode', () => {
  let priv: string;
  let pub: string;
  beforeAll(async () => {
    const pair = JSON.parse((await run(['keygen', '--alg', 'ES256', '--kid', 'sig-1'])).stdout) as { privateJwk: object; publicJwk: object };
    priv = write('sig.priv.json', JSON.stringify(pair.privateJwk));
    pub = write('sig.pub.json', JSON.stringify(pair.publicJwk));
  });

  it('sign: claims and options; the library verifies the result', async () => {
    const claimsFile = write('claims.json', '{"scope":"read"}');
    const r = await run(['sign', '--key', priv, '--claims', `@${claimsFile}`, '--exp', '15m', '--nbf', '0s', '--iss', 'https://i.example', '--aud', 'a', '--aud', 'b', '--sub', 'u1', '--jti', 'j1', '--kid', 'k-x', '--typ', 'at+jwt']);
    expect(r.code).toBe(0);
    const token = r.stdout.trim();
    const { claims, protectedHeader } = await verifyJwt(token, parseJwk(readFileSync(pub, 'utf8')), { issuer: 'https://i.example', audience: 'b', subject: 'u1', typ: 'at+jwt' });
    expect(claims).toMatchObject({ scope: 'read', aud: ['a', 'b'], jti: 'j1' });
    expect(typeof claims.iat).toBe('number');
    expect(protectedHeader).toMatchObject({ alg: 'ES256', kid: 'k-x', typ: 'at+jwt' });
    const noIat = await run(['sign', '--key', priv, '--claims', '{"x":1}', '--aud', 'only', '--no-iat', '--alg', 'ES256']);
    const c = (await verifyJwt(noIat.stdout.trim(), parseJwk(readFileSync(pub, 'utf8')))).claims;
    expect(c.iat).toBeUndefined();
    expect(c.aud).toBe('only');
    const fromStdin = await run(['sign', '--key', priv, '--claims', '@-'], '{"via":"stdin"}');
    expect((await verifyJwt(fromStdin.stdout.trim(), parseJwk(readFileSync(pub, 'utf8')))).claims.via).toBe('stdin');
  });

  it('sign: usage errors exit 2, library errors exit 1 with the code', async () => {
    expect((await run(['sign'])).stderr).toContain('--key is required');
    expect((await run(['sign', '--key', priv, '--claims', '{nope'])).stderr).toContain('--claims: claims is not valid JSON');
    expect((await run(['sign', '--key', priv, '--claims', '{"a":1,"a":2}'])).stderr).toContain('duplicate member name');
    expect((await run(['sign', '--key', priv, '--exp', '60'])).stderr).toContain('--exp takes a number with a unit');
    expect((await run(['sign', '--key', priv, '--nbf', 'soon'])).stderr).toContain('--nbf takes a number with a unit');
    expect((await run(['sign', '--key', priv, '--claims', `@${file('none.json')}`])).stderr).toContain('cannot read claims file');
    const withPublic = await run(['sign', '--key', pub]);
    expect(withPublic.code).toBe(1);
    expect(withPublic.stderr).toMatch(/^ERR_KEY_INVALID: /);
    const claim = await run(['sign', '--key', priv, '--claims', '{"exp":"soon"}']);
    expect(claim.code).toBe(1);
    expect(claim.stderr).toMatch(/^ERR_JWT_CLAIM_INVALID: [^\n]*\n {2}claim: exp, reason: /);
  });

  it('verify with --key, --jwks FILE and --jwks URL (loopback); stdin; options', async () => {
    const token = (await run(['sign', '--key', priv, '--iss', 'iss', '--aud', 'aud', '--sub', 's', '--exp', '1h', '--typ', 'at+jwt'])).stdout.trim();
    const ok = await run(['verify', '--key', pub, '--iss', 'iss', '--aud', 'aud', '--alg', 'ES256', '--sub', 's', '--typ', 'at+jwt', '--clock-tolerance', '30s', '--max-age', '1h', '--require', 'exp', token]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ protectedHeader: { alg: 'ES256', kid: 'sig-1' }, claims: { iss: 'iss', sub: 's' } });
    expect((await run(['verify', '--key', pub, '-'], `  ${token}\n`)).code).toBe(0);
    const setFile = write('set.json', JSON.stringify({ keys: [JSON.parse(readFileSync(pub, 'utf8'))] }));
    expect((await run(['verify', '--jwks', setFile, token])).code).toBe(0);

    const body = readFileSync(setFile);
    const server: Server = createServer((_, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
      expect((await run(['verify', '--jwks', url, token])).code).toBe(0);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('verify: failures exit 1 with the code (never the token); usage errors exit 2', async () => {
    const token = (await run(['sign', '--key', priv, '--iss', 'iss', '--exp', '1h'])).stdout.trim();
    const wrongIss = await run(['verify', '--key', pub, '--iss', 'other', token]);
    expect(wrongIss.code).toBe(1);
    expect(wrongIss.stderr).toMatch(/^ERR_JWT_CLAIM_INVALID: [^\n]*\n {2}claim: iss, reason: /);
    expect(wrongIss.stderr).not.toContain(token);
    const forged = await run(['verify', '--key', pub, `${token.slice(0, -4)}AAAA`]);
    expect(forged.code).toBe(1);
    expect(forged.stderr).toMatch(/^ERR_JWS_SIGNATURE_INVALID: /);
    const noMatch = await run(['verify', '--jwks', write('other-set.json', '{"keys":[]}'), token]);
    expect(noMatch.stderr).toMatch(/^ERR_JWKS_NO_MATCHING_KEY: /);
    const withCause = await run(['verify', '--jwks', write('bad-set.json', '{"keys":[{"kty":"EC"}]}'), token]);
    expect(withCause.stderr).toMatch(/^ERR_JWKS_INVALID: [^\n]*\n {2}cause: ERR_JWK_INVALID: /);
    expect((await run(['verify', token])).stderr).toContain('give exactly one of --key and --jwks');
    expect((await run(['verify', '--key', pub, '--jwks', pub, token])).code).toBe(2);
    expect((await run(['verify', '--key', pub, '--clock-tolerance', '30', token])).stderr).toContain('--clock-tolerance takes a number with a unit');
    expect((await run(['verify', '--key', pub, '--max-age', 'x', token])).code).toBe(2);
    expect((await run(['verify', '--key', pub, '-'], '   \n')).stderr).toContain('no token given');
    expect((await run(['verify', '--key', file('missing.json'), token])).stderr).toContain('cannot read key file');
    expect((await run(['verify', '--jwks', file('missing-set.json'), token])).stderr).toContain('cannot read JWK Set file');
    expect((await run(['verify', '--key', pub, '--aud', '', token])).stderr).toContain('--aud must not be empty');
  });

  it('decode prints the unverified header and claims and says so; malformed input exits 1', async () => {
    const token = (await run(['sign', '--key', priv, '--sub', 'who'])).stdout.trim();
    const r = await run(['decode', token]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('NOT verified');
    expect(JSON.parse(r.stdout)).toMatchObject({ protectedHeader: { alg: 'ES256' }, claims: { sub: 'who' } });
    const bad = await run(['decode', 'not.a.jwt']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^ERR_JWS_INVALID: /);
    expect((await run(['decode', '-'], '')).stderr).toContain('no token given');
  });
});

describe('CLI in-process: keyring', () => {
  it('init → status (text and --json) → jwks → rotate → revoke, state file mode 0600', async () => {
    const state = file('ring.json');
    const init = await run(['keyring', 'init', '--alg', 'ES256', '--state', state, '--rotate-after', '30d', '--publish-ahead', '1d', '--retire-after', '7d']);
    expect(init.code).toBe(0);
    expect(init.stdout).toMatch(/^alg ES256, now /);
    expect(init.stdout).toMatch(/\nactive {3}\S+ {2}signing since /);
    expect(init.stdout).toMatch(/\nnext {5}\S+ {2}published /);
    expect(init.stdout).toMatch(/next scheduled change: \S+ \(rotation\)\n$/);
    expect(statSync(state).mode & 0o777).toBe(0o600);
    const status = JSON.parse((await run(['keyring', 'status', '--state', state, '--json'])).stdout) as { keys: { kid: string; state: string }[] };
    expect(status.keys.map((k) => k.state)).toEqual(['active', 'next']);
    const jwks = JSON.parse((await run(['keyring', 'jwks', '--state', state])).stdout) as { keys: { kid: string; d?: string }[] };
    expect(jwks.keys.map((k) => k.kid).sort()).toEqual(status.keys.map((k) => k.kid).sort());
    expect(jwks.keys.every((k) => k.d === undefined)).toBe(true);
    const rotated = await run(['keyring', 'rotate', '--state', state]);
    expect(rotated.stdout).toMatch(/\nretired {2}\S+ {2}stopped signing .*published until /);
    expect(rotated.stdout).toMatch(/next scheduled change: \S+ \(a retired key is dropped\)\n$/); // 7d retirement before the 30d rotation
    const active = status.keys.find((k) => k.state === 'next')!.kid;
    // A thumbprint kid may start with '-': after '--' it is never read as an option.
    const revoked = await run(['keyring', 'revoke', '--state', state, '--', active]);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toMatch(/\nrevoked {2}\S+ {2}revoked /);
  });

  it('usage errors exit 2; a corrupt state file is ERR_KEYRING_STATE_INVALID (exit 1)', async () => {
    const state = file('ring2.json');
    expect((await run(['keyring', 'frob', '--state', state])).stderr).toContain('unknown keyring command "frob"');
    expect((await run(['keyring', 'revoke', '--state', state])).stderr).toContain('revoke takes a KID');
    expect((await run(['keyring', 'status', 'extra', '--state', state])).stderr).toContain('status takes no argument');
    expect((await run(['keyring', 'status'])).stderr).toContain('--state FILE is required');
    expect((await run(['keyring', 'init', '--state', state])).stderr).toContain('init needs --alg');
    expect((await run(['keyring', 'status', '--state', state])).stderr).toContain('no key ring state at');
    expect((await run(['keyring', 'init', '--alg', 'ES256', '--state', file('ring.json')])).stderr).toContain('already exists');
    expect((await run(['keyring', 'status', '--alg', 'ES256', '--state', file('ring.json')])).stderr).toContain('--alg is for init');
    expect((await run(['keyring', 'status', '--state', dir])).stderr).toContain('cannot read key ring state');
    const corrupt = write('corrupt.json', '{"version":1,"alg":"ES256","keys":[');
    const r = await run(['keyring', 'status', '--state', corrupt]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^ERR_KEYRING_STATE_INVALID: /);
    const foreign = write('foreign.json', '{"alg":"none"}');
    expect((await run(['keyring', 'jwks', '--state', foreign])).stderr).toMatch(/^ERR_KEYRING_STATE_INVALID: /);
    expect((await run(['keyring', 'init', '--alg', 'ES256', '--state', join(dir, 'no', 'dir', 'ring.json')])).stderr).toContain('cannot write key ring state');
  });
});
