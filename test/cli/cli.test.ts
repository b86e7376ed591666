/**
 * The `jwkit` CLI (issue 6 part 2), run as a child process from its build.
 * Exit codes: 0 ok, 1 failed (jwkit error code first on stderr), 2 usage.
 * Backend-independent (it runs a built file), so only the WebCrypto project runs it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPair, thumbprint, type Jwk } from '../../src/jwk/index.js';
import { signJwt, verifyJwt } from '../../src/jwt/index.js';
import { loadVector } from '../helpers/vectors.js';
import { buildCli, runCli, type RunResult } from './harness.js';

const T0 = new Date('2030-01-01T00:00:00Z');

describe.skipIf(process.env.JWKIT_BACKEND === 'node')('jwkit CLI', () => {
  let cli: string;
  let cleanup: () => void;
  let dir: string;
  let priv: Jwk;
  let pub: Jwk;
  const file = (name: string, value: unknown) => {
    const p = join(dir, name);
    writeFileSync(p, typeof value === 'string' ? value : JSON.stringify(value));
    return p;
  };
  const run = (args: string[], input?: string): Promise<RunResult> => runCli(cli, args, input === undefined ? { cwd: dir } : { cwd: dir, input });
  const json = (r: RunResult) => JSON.parse(r.stdout) as Record<string, any>;
  /** Exit 1 with the code as the first word on stderr, and nothing on stdout. */
  const failedWith = (r: RunResult, code: string) => {
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr.split(':')[0]).toBe(code);
    expect(r.stdout).toBe('');
  };
  const usage = (r: RunResult) => {
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/--help|Usage/);
  };

  beforeAll(async () => {
    ({ cli, cleanup } = await buildCli());
    dir = mkdtempSync(join(tmpdir(), 'jwkit-cli-test-'));
    ({ privateJwk: priv, publicJwk: pub } = await generateKeyPair('ES256', { kid: 'k1' }));
  }, 60_000);
  afterAll(() => {
    cleanup?.();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  describe('help and usage', () => {
    it('jwkit --help lists every command; no command is a usage error', async () => {
      const r = await run(['--help']);
      expect(r.code).toBe(0);
      for (const c of ['keygen', 'jwks', 'thumbprint', 'sign', 'verify', 'decode']) expect(r.stdout).toContain(`  ${c}`);
      usage(await run([]));
      usage(await run(['frobnicate']));
      expect((await run(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+/);
    });

    it.each(['keygen', 'jwks', 'thumbprint', 'sign', 'verify', 'decode'])('jwkit %s --help', async (c) => {
      const r = await run([c, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout.startsWith(`Usage: jwkit ${c}`)).toBe(true);
      expect((await run(['help', c])).stdout).toBe(r.stdout);
    });

    it('unknown options and missing arguments exit 2', async () => {
      usage(await run(['keygen', '--bogus']));
      usage(await run(['thumbprint']));
      usage(await run(['decode', 'a', 'b']));
      usage(await run(['sign']));
      usage(await run(['verify', 'x.y.z']));
    });
  });

  describe('keygen', () => {
    it('prints a private and a public JWK with alg, use and the thumbprint kid', async () => {
      const r = await run(['keygen', '--alg', 'ES256']);
      expect(r.code).toBe(0);
      const { privateJwk, publicJwk } = json(r);
      expect(privateJwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
      expect(typeof privateJwk.d).toBe('string');
      expect(publicJwk.d).toBeUndefined();
      expect(publicJwk.kid).toBe(await thumbprint(publicJwk));
      // the pair works with the library
      const token = await signJwt({ sub: 'a' }, privateJwk);
      expect((await verifyJwt(token, publicJwk)).claims.sub).toBe('a');
    });

    it('--kid, Ed25519 and HS256', async () => {
      expect(json(await run(['keygen', '--alg', 'Ed25519', '--kid', 'mine'])).publicJwk).toMatchObject({ kty: 'OKP', kid: 'mine', alg: 'Ed25519' });
      const { secretJwk } = json(await run(['keygen', '--alg', 'HS256']));
      expect(secretJwk).toMatchObject({ kty: 'oct', alg: 'HS256' });
      expect(Buffer.from(secretJwk.k, 'base64url').length).toBe(32);
    });

    it('--private/--public write new files (private mode 0600) and never overwrite', async () => {
      const r = await run(['keygen', '--private', 'p.json', '--public', 'q.json']);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(readFileSync(join(dir, 'q.json'), 'utf8')).d).toBeUndefined();
      expect(typeof JSON.parse(readFileSync(join(dir, 'p.json'), 'utf8')).d).toBe('string');
      expect(statSync(join(dir, 'p.json')).mode & 0o777).toBe(0o600);
      usage(await run(['keygen', '--private', 'p.json', '--public', 'other.json']));
      usage(await run(['keygen', '--private', 'only.json']));
    });

    it('unknown alg and none are usage errors', async () => {
      usage(await run(['keygen', '--alg', 'none']));
      usage(await run(['keygen', '--alg', 'ES256K']));
    });
  });

  describe('jwks', () => {
    it('builds a set from public JWK files, in order', async () => {
      const { publicJwk: other } = await generateKeyPair('ES384', { kid: 'k2' });
      const r = await run(['jwks', file('a.json', pub), file('b.json', other)]);
      expect(r.code, r.stderr).toBe(0);
      expect(json(r)).toEqual({ keys: [pub, other] });
    });

    it('a private key contributes only its public half (with a note)', async () => {
      const r = await run(['jwks', file('priv.json', priv)]);
      expect(r.code).toBe(0);
      expect(json(r)).toEqual({ keys: [pub] });
      expect(r.stderr).toContain('public half');
    });

    it('refuses secrets and duplicate kids: ERR_JWKS_INVALID (RFC 7517 §5)', async () => {
      failedWith(await run(['jwks', file('oct.json', { kty: 'oct', k: Buffer.alloc(32, 1).toString('base64url') })]), 'ERR_JWKS_INVALID');
      failedWith(await run(['jwks', file('a1.json', pub), file('a2.json', pub)]), 'ERR_JWKS_INVALID');
      usage(await run(['jwks']));
      usage(await run(['jwks', 'missing-file.json']));
    });
  });

  describe('thumbprint', () => {
    it('RFC 7638 §3.1 and the RFC 9278 URI', async () => {
      const v = loadVector('rfc7638.json').vectors[0];
      const u = loadVector('rfc9278.json').vectors[0];
      const path = file('rsa.json', v.jwk);
      expect((await run(['thumbprint', path])).stdout).toBe(`${v.thumbprint_b64u}\n`);
      expect((await run(['thumbprint', path, '--uri'])).stdout).toBe(`${u.thumbprint_uri}\n`);
      expect((await run(['thumbprint', '-'], JSON.stringify(v.jwk))).stdout).toBe(`${v.thumbprint_b64u}\n`);
      usage(await run(['thumbprint', path, '--hash', 'MD5']));
      failedWith(await run(['thumbprint', file('bad.json', { kty: 'EC' })]), 'ERR_JWK_INVALID');
    });
  });

  describe('sign', () => {
    it('signs claims and options; the library verifies the result', async () => {
      const r = await run(['sign', '--key', file('k.json', priv), '--claims', '{"scope":"read"}', '--exp', '1h', '--iss', 'https://i.example', '--aud', 'api', '--sub', 'u1']);
      expect(r.code, r.stderr).toBe(0);
      const token = r.stdout.trim();
      const { claims, protectedHeader } = await verifyJwt(token, pub, { issuer: 'https://i.example', audience: 'api' });
      expect(claims).toMatchObject({ scope: 'read', iss: 'https://i.example', aud: 'api', sub: 'u1' });
      expect(claims.exp! - claims.iat!).toBe(3600);
      expect(protectedHeader).toMatchObject({ alg: 'ES256', typ: 'JWT', kid: 'k1' });
    });

    it('--claims @file, repeated --aud, --typ, --no-iat', async () => {
      const r = await run(['sign', '--key', file('k.json', priv), '--claims', `@${file('c.json', { n: 1 })}`, '--aud', 'a', '--aud', 'b', '--typ', 'at+jwt', '--no-iat']);
      expect(r.code, r.stderr).toBe(0);
      const { claims, protectedHeader } = await verifyJwt(r.stdout.trim(), pub, { typ: 'at+jwt' });
      expect(claims).toEqual({ n: 1, aud: ['a', 'b'] });
      expect(protectedHeader.typ).toBe('at+jwt');
    });

    it("usage errors: no key, bad claims JSON, duplicate claim names, '--exp 60' without a unit", async () => {
      const key = file('k.json', priv);
      usage(await run(['sign', '--claims', '{}']));
      usage(await run(['sign', '--key', key, '--claims', '{nope']));
      usage(await run(['sign', '--key', key, '--claims', '[1]']));
      usage(await run(['sign', '--key', key, '--claims', '{"sub":"a","sub":"b"}']));
      usage(await run(['sign', '--key', key, '--exp', '60']));
    });

    it('a public key cannot sign, and claims are checked: exit 1 with the code', async () => {
      failedWith(await run(['sign', '--key', file('pub.json', pub)]), 'ERR_KEY_INVALID');
      failedWith(await run(['sign', '--key', file('k.json', priv), '--claims', '{"exp":"tomorrow"}']), 'ERR_JWT_CLAIM_INVALID');
    });
  });

  describe('verify', () => {
    let token: string;
    beforeAll(async () => {
      token = await signJwt({ sub: 'u1' }, priv, { issuer: 'https://i.example', audience: 'api', expiresIn: '1h' });
    });

    it('with --key: prints the header and claims, exit 0', async () => {
      const r = await run(['verify', '--key', file('pub.json', pub), '--iss', 'https://i.example', '--aud', 'api', token]);
      expect(r.code, r.stderr).toBe(0);
      expect(json(r)).toMatchObject({ protectedHeader: { alg: 'ES256', kid: 'k1' }, claims: { sub: 'u1', iss: 'https://i.example' } });
    });

    it('reads the token from stdin with -', async () => {
      const r = await run(['verify', '--key', file('pub.json', pub), '-'], `${token}\n`);
      expect(r.code, r.stderr).toBe(0);
      expect(json(r).claims.sub).toBe('u1');
    });

    it('with --jwks FILE', async () => {
      const { publicJwk: other } = await generateKeyPair('ES256', { kid: 'k0' });
      const r = await run(['verify', '--jwks', file('set.json', { keys: [other, pub] }), token]);
      expect(r.code, r.stderr).toBe(0);
      failedWith(await run(['verify', '--jwks', file('set2.json', { keys: [other] }), token]), 'ERR_JWKS_NO_MATCHING_KEY');
    });

    it('with --jwks URL (loopback http)', async () => {
      let hits = 0;
      const server: Server = createServer((_req, res) => {
        hits++;
        res.writeHead(200, { 'content-type': 'application/jwk-set+json' });
        res.end(JSON.stringify({ keys: [pub] }));
      });
      await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
      try {
        const { port } = server.address() as { port: number };
        const r = await run(['verify', '--jwks', `http://127.0.0.1:${port}/.well-known/jwks.json`, token]);
        expect(r.code, r.stderr).toBe(0);
        expect(json(r).claims.sub).toBe('u1');
        expect(hits).toBe(1);
      } finally {
        await new Promise((ok) => server.close(ok));
      }
    });

    it('failures exit 1 with the code on stderr and never echo the token', async () => {
      const key = file('pub.json', pub);
      const [h, p, s] = token.split('.') as [string, string, string];
      const forged = `${h}.${Buffer.from(JSON.stringify({ sub: 'admin' })).toString('base64url')}.${s}`;
      const expired = await signJwt({}, priv, { currentDate: new Date(Date.now() - 7200_000), expiresIn: '1h' });
      const cases: [string[], string][] = [
        [['verify', '--key', key, forged], 'ERR_JWS_SIGNATURE_INVALID'],
        [['verify', '--key', key, expired], 'ERR_JWT_EXPIRED'],
        [['verify', '--key', key, '--iss', 'https://other.example', token], 'ERR_JWT_CLAIM_INVALID'],
        [['verify', '--key', key, '--aud', 'other', token], 'ERR_JWT_CLAIM_INVALID'],
        [['verify', '--key', key, '--alg', 'RS256', token], 'ERR_JWS_ALG_NOT_ALLOWED'],
        [['verify', '--key', key, 'not-a-token'], 'ERR_JWS_INVALID'],
      ];
      for (const [args, code] of cases) {
        const r = await run(args);
        failedWith(r, code);
        expect(r.stderr).not.toContain(args[args.length - 1]!.slice(0, 30));
      }
      expect((await run(['verify', '--key', key, expired])).stderr).toContain('claim: exp, reason: expired');
    });

    it('usage errors: both or neither of --key/--jwks, a bad duration, an unreadable key', async () => {
      const key = file('pub.json', pub);
      usage(await run(['verify', token]));
      usage(await run(['verify', '--key', key, '--jwks', key, token]));
      usage(await run(['verify', '--key', key, '--max-age', '60', token]));
      usage(await run(['verify', '--key', 'nope.json', token]));
      usage(await run(['verify', '--key', key, '-'], ''));
    });
  });

  describe('decode', () => {
    it('prints the unverified header and claims, saying so on stderr', async () => {
      const token = await signJwt({ sub: 'u1' }, priv, { currentDate: T0 });
      const r = await run(['decode', token]);
      expect(r.code, r.stderr).toBe(0);
      expect(json(r)).toEqual({ protectedHeader: { alg: 'ES256', typ: 'JWT', kid: 'k1' }, claims: { sub: 'u1', iat: T0.getTime() / 1000 } });
      expect(r.stderr).toContain('NOT verified');
      expect(json(await run(['decode', '-'], token)).claims.sub).toBe('u1');
    });

    it('malformed input exits 1 with a code', async () => {
      const r = await run(['decode', 'abc']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^ERR_JW[ST]_INVALID:/);
    });
  });
});
