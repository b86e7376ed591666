/**
 * The CLI part of issue 10 (point 5), on the built CLI: `jwkit convert`
 * turns PEM or DER into a JWK (--alg, --kid, --passphrase-file) and a JWK
 * into PEM; `jwkit thumbprint` and `jwkit jwks` read PEM files and
 * certificates too. Backend-independent (it runs a built file), so only the
 * WebCrypto project runs it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pemToJwk } from '../../src/pem/index.js';
import { buildCli, runCli, type RunResult } from '../cli/harness.js';
import { fixture, fixtureBytes, PASSPHRASE } from './helpers.js';

const FIXTURES = new URL('../fixtures/pem/', import.meta.url).pathname;

describe.skipIf(process.env.JWKIT_BACKEND === 'node')('jwkit convert / thumbprint / jwks with PEM', () => {
  let cli: string;
  let cleanup: () => void;
  let dir: string;
  beforeAll(async () => {
    ({ cli, cleanup } = await buildCli());
    dir = mkdtempSync(join(tmpdir(), 'jwkit-pem-cli-'));
  }, 60_000);
  afterAll(() => {
    cleanup?.();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });
  const run = (args: string[], input?: string): Promise<RunResult> => runCli(cli, args, input === undefined ? { cwd: FIXTURES } : { cwd: FIXTURES, input });
  const ok = (r: RunResult) => {
    expect(r.code, r.stderr).toBe(0);
    return r.stdout;
  };
  const failedWith = (r: RunResult, code: string) => {
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr.split(':')[0]).toBe(code);
    expect(r.stdout).toBe('');
  };

  it('PEM, DER and certificates → the JWK pemToJwk gives', async () => {
    for (const f of ['p256.spki.pem', 'rsa2048.pkcs1.pem', 'p384.sec1.pem', 'p256.pkcs8.der', 'chain.leaf-ca.pem', 'p256.selfsigned.der']) {
      const expected = await pemToJwk(f.endsWith('.der') ? fixtureBytes(f) : fixture(f));
      expect(JSON.parse(ok(await run(['convert', f])))).toEqual(expected);
    }
    expect(JSON.parse(ok(await run(['convert', '-'], fixture('ed25519.spki.pem'))))).toEqual(await pemToJwk(fixture('ed25519.spki.pem')));
  });

  it('--alg, --kid and --passphrase-file (first line, as openssl -passin file: reads it)', async () => {
    const pass = join(dir, 'pass.txt');
    writeFileSync(pass, `${PASSPHRASE}\nignored second line\n`);
    const jwk = JSON.parse(ok(await run(['convert', 'p256.enc-aes128-sha1.pem', '--passphrase-file', pass, '--alg', 'ES256', '--kid', 'k1'])));
    expect(jwk).toEqual(await pemToJwk(fixture('p256.enc-aes128-sha1.pem'), { passphrase: PASSPHRASE, alg: 'ES256', kid: 'k1' }));
    failedWith(await run(['convert', 'p256.enc-aes128-sha1.pem']), 'ERR_PEM_INVALID');
    const wrong = join(dir, 'wrong.txt');
    writeFileSync(wrong, 'not the passphrase\n');
    failedWith(await run(['convert', 'p256.enc-aes128-sha1.pem', '--passphrase-file', wrong]), 'ERR_PEM_INVALID');
    failedWith(await run(['convert', 'p256.spki.pem', '--alg', 'RS256']), 'ERR_JWK_INVALID');
    expect((await run(['convert', 'p256.enc-aes128-sha1.pem', '--passphrase-file', join(dir, 'missing')])).code).toBe(2);
  });

  it('a JWK → PEM (public → PUBLIC KEY, private → PRIVATE KEY), byte for byte what openssl wrote', async () => {
    const pubFile = join(dir, 'pub.json');
    writeFileSync(pubFile, JSON.stringify(await pemToJwk(fixture('p521.spki.pem'))));
    expect(ok(await run(['convert', pubFile]))).toBe(fixture('p521.spki.pem'));
    const privFile = join(dir, 'priv.json');
    writeFileSync(privFile, JSON.stringify(await pemToJwk(fixture('ed25519.pkcs8.pem'))));
    expect(ok(await run(['convert', privFile]))).toBe(fixture('ed25519.pkcs8.pem'));
    expect((await run(['convert', pubFile, '--alg', 'ES512'])).code).toBe(2); // options are for PEM/DER input
    failedWith(await run(['convert', '-'], '{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}'), 'ERR_JWK_INVALID');
    failedWith(await run(['convert', '-'], 'not a key'), 'ERR_PEM_INVALID');
  });

  it('thumbprint and jwks read PEM files and certificates', async () => {
    const expected = (await pemToJwk(fixture('p256.spki.pem'))).kid;
    for (const f of ['p256.spki.pem', 'p256.pkcs8.pem', 'p256.sec1.pem', 'p256.selfsigned.crt', 'p256.spki.der']) {
      expect(ok(await run(['thumbprint', f]))).toBe(`${expected}\n`);
    }
    const r = await run(['jwks', 'p256.pkcs8.pem', 'chain.leaf-ca.pem', 'rsa2048.pkcs1-public.pem']);
    const set = JSON.parse(ok(r));
    expect(r.stderr).toContain('private key'); // the PKCS#8 file contributes its public half
    expect(set.keys).toEqual([
      await pemToJwk(fixture('p256.spki.pem')),
      await pemToJwk(fixture('chain.leaf-ca.pem')),
      await pemToJwk(fixture('rsa2048.pkcs1-public.pem')),
    ]);
  });

  it('jwkit --help lists convert', async () => {
    expect(ok(await run(['--help']))).toMatch(/\n {2}convert +convert a PEM/);
    expect(ok(await run(['convert', '--help']))).toContain('--passphrase-file');
  });
});
