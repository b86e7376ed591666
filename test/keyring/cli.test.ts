/**
 * `jwkit keyring` (issue 11 point 5), run as the built CLI: init creates the
 * state file with mode 0600 and never overwrites; rotate, revoke, jwks and
 * status work on it; broken invocations exit 2, a corrupt state exits 1 with
 * ERR_KEYRING_STATE_INVALID.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, runCli } from '../cli/harness.js';
import { hasPrivateMember } from './helpers.js';

let cli = '';
let cleanup = () => {};
let dir = '';

// The built CLI is the same whichever backend project runs the suite: run it once (as test/cli does).
const once = process.env.JWKIT_BACKEND === 'node';

beforeAll(async () => {
  if (once) return;
  ({ cli, cleanup } = await buildCli());
  dir = mkdtempSync(join(tmpdir(), 'jwkit-keyring-cli-'));
}, 120_000);

afterAll(() => {
  cleanup();
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

const mode = (p: string) => statSync(p).mode & 0o777;
type Status = { keys: { kid: string; state: string }[]; nextChangeAt: number; rotateAt: number };

describe.skipIf(once)('jwkit keyring', () => {
  it('init → status → jwks → rotate → revoke, with the state file kept at mode 0600', async () => {
    const state = join(dir, 'ring.json');
    const init = await runCli(cli, ['keyring', 'init', '--alg', 'ES256', '--state', state, '--rotate-after', '10d']);
    expect(init.code, init.stderr).toBe(0);
    expect(mode(state)).toBe(0o600);
    expect(JSON.parse(readFileSync(state, 'utf8'))).toMatchObject({ version: 1, alg: 'ES256', rotateAfter: 864000 });
    expect(init.stdout).toMatch(/^active +\S+ +signing since /m);
    expect(init.stdout).toMatch(/^next +\S+ +published /m);
    expect(init.stdout).toMatch(/^next scheduled change: \d{4}-\d\d-\d\dT.* \(rotation\)$/m);

    const again = await runCli(cli, ['keyring', 'init', '--alg', 'ES256', '--state', state]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');

    const s0 = JSON.parse((await runCli(cli, ['keyring', 'status', '--state', state, '--json'])).stdout) as Status;
    expect(s0.keys.map((k) => k.state)).toEqual(['active', 'next']);
    expect(s0.rotateAt - Date.now()).toBeGreaterThan(9 * 86400_000);

    const jwks = await runCli(cli, ['keyring', 'jwks', '--state', state]);
    expect(jwks.code).toBe(0);
    const set = JSON.parse(jwks.stdout) as { keys: { kid: string }[] };
    expect(set.keys.map((k) => k.kid)).toEqual(s0.keys.map((k) => k.kid));
    expect(hasPrivateMember(set as never)).toBe(false);

    expect((await runCli(cli, ['keyring', 'rotate', '--state', state])).code).toBe(0);
    expect(mode(state)).toBe(0o600);
    const s1 = JSON.parse((await runCli(cli, ['keyring', 'status', '--state', state, '--json'])).stdout) as Status;
    const active = s0.keys[0]!.kid;
    expect(s1.keys.find((k) => k.kid === active)!.state).toBe('retired');

    // A thumbprint kid may start with '-': after '--' it is never read as an option.
    const revoke = await runCli(cli, ['keyring', 'revoke', '--state', state, '--', active]);
    expect(revoke.code, revoke.stderr).toBe(0);
    expect(revoke.stdout).toMatch(new RegExp(`^revoked +${active.replace(/[-_]/g, '.')} +revoked `, 'm'));
    const after = JSON.parse((await runCli(cli, ['keyring', 'jwks', '--state', state])).stdout) as { keys: { kid: string }[] };
    expect(after.keys.map((k) => k.kid)).not.toContain(active);
    expect(readFileSync(state, 'utf8')).not.toMatch(new RegExp(`"kid": "${active}",\\s*"state": "revoked",[^}]*"jwk"`));

    const unknown = await runCli(cli, ['keyring', 'revoke', 'no-such-kid', '--state', state]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^ERR_KEY_INVALID/);
  });

  it('a corrupt, truncated or foreign state file fails with ERR_KEYRING_STATE_INVALID (exit 1)', async () => {
    const state = join(dir, 'ok.json');
    expect((await runCli(cli, ['keyring', 'init', '--alg', 'ES256', '--state', state])).code).toBe(0);
    const text = readFileSync(state, 'utf8');
    for (const [name, bad] of [
      ['truncated', text.slice(0, text.length / 2)],
      ['foreign', '{"keys":[]}'],
      ['corrupt', text.replace('"active"', '"actve"')],
    ] as const) {
      const p = join(dir, `${name}.json`);
      writeFileSync(p, bad, { mode: 0o600 });
      const r = await runCli(cli, ['keyring', 'status', '--state', p]);
      expect(r.code, name).toBe(1);
      expect(r.stderr, name).toMatch(/^ERR_KEYRING_STATE_INVALID/);
      expect(readFileSync(p, 'utf8')).toBe(bad); // never rewritten
    }
  });

  it('usage errors exit 2', async () => {
    const missing = join(dir, 'missing.json');
    for (const args of [
      ['keyring'],
      ['keyring', 'status'],
      ['keyring', 'explode', '--state', missing],
      ['keyring', 'status', '--state', missing],
      ['keyring', 'init', '--state', missing],
      ['keyring', 'revoke', '--state', missing],
      ['keyring', 'status', 'extra', '--state', missing],
    ]) {
      const r = await runCli(cli, args);
      expect(r.code, args.join(' ')).toBe(2);
    }
    const badDuration = await runCli(cli, ['keyring', 'init', '--alg', 'ES256', '--state', missing, '--rotate-after', '60']);
    expect(badDuration.code).toBe(1);
    expect(badDuration.stderr).toMatch(/^ERR_KEYRING_STATE_INVALID/);
    expect(() => statSync(missing)).toThrow();
  });
});
