import { createHash } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createKeyRing, type KeyRing, type KeyRingStatus, type KeyRingStore } from '../../keyring/index.js';
import { isRingAlg } from '../../keyring/state.js';
import { clip, stringOpt } from '../args.js';
import { UsageError, type Command } from '../command.js';
import { json } from '../io.js';

/**
 * A key ring store over one file (mode 0600): the version is the SHA-256 of
 * the file's text, and a save replaces the file by rename only if it still
 * holds the version that was read. Good for one operator at a time; several
 * servers need a shared store (Redis, a SQL row).
 */
function fileStore(path: string): KeyRingStore {
  const version = (text: string) => createHash('sha256').update(text).digest('base64url');
  const read = async (): Promise<string | null> => {
    try {
      return await readFile(path, 'utf8');
    } catch (e) {
      if ((e as { code?: string }).code === 'ENOENT') return null;
      throw new UsageError(`cannot read key ring state "${path}" (${(e as { code?: string }).code ?? 'error'})`);
    }
  };
  return {
    async load() {
      const text = await read();
      return text === null ? null : { state: text, version: version(text) };
    },
    async save(state, expected) {
      const current = await read();
      if ((current === null ? null : version(current)) !== expected) return { ok: false };
      const text = json(state);
      const tmp = `${path}.${process.pid}.tmp`;
      try {
        await writeFile(tmp, text, { mode: 0o600, flag: 'wx' });
        await rename(tmp, path);
      } catch (e) {
        await rm(tmp, { force: true });
        throw new UsageError(`cannot write key ring state "${path}" (${(e as { code?: string }).code ?? 'error'})`);
      }
      return { ok: true, version: version(text) };
    },
  };
}

const when = (ms: number | undefined) => (ms === undefined ? '-' : new Date(ms).toISOString());

function statusText(s: KeyRingStatus): string {
  const lines = [`alg ${s.alg}, now ${when(s.now)}`];
  for (const k of s.keys) {
    const detail =
      k.state === 'active' ? `signing since ${when(k.activatedAt)}, until the rotation at ${when(s.rotateAt)}`
      : k.state === 'next' ? `published ${when(k.publishedAt)}, signs from the rotation at ${when(s.rotateAt)}`
      : k.state === 'retired' ? `stopped signing ${when(k.retiredAt)}, published until ${when(k.dropAt)}`
      : `revoked ${when(k.revokedAt)}`;
    lines.push(`${k.state.padEnd(8)} ${k.kid}  ${detail}`);
  }
  lines.push(`next scheduled change: ${when(s.nextChangeAt)} (${s.nextChangeAt === s.rotateAt ? 'rotation' : 'a retired key is dropped'})`);
  return `${lines.join('\n')}\n`;
}

const SUBCOMMANDS = ['init', 'rotate', 'revoke', 'jwks', 'status'];

export const keyring: Command = {
  name: 'keyring',
  summary: 'manage an issuer key ring in a state file (init, rotate, revoke, jwks, status)',
  help: `Usage: jwkit keyring init --alg ES256 --state FILE [--rotate-after 30d] [--publish-ahead 1d] [--retire-after 7d]
       jwkit keyring rotate|jwks|status --state FILE [--json]
       jwkit keyring revoke KID --state FILE

A key ring (jwkit/keyring) kept in FILE, which holds private keys (created
with mode 0600). Every command first applies what is due by the clock
(a scheduled rotation, retired keys dropped) and saves it.

  init     create FILE with an active and a next key (never overwrites)
  rotate   rotate now: next starts signing, active retires, a new next is published
  revoke   withdraw KID at once (the active key: rotates at once)
  jwks     print the published JWK Set (public keys only)
  status   print each key's state and the next scheduled change (--json: as JSON)

Options:
  --state FILE          the key ring state file (required)
  --alg ALG             init: algorithm of the keys (ES256, RS256, PS256, EdDSA, …)
  --rotate-after D      how long a key signs (default 30d)
  --publish-ahead D     how long next is published before it signs (default 1d)
  --retire-after D      how long a key stays published after it stopped signing (default 7d)
  --json                status as JSON
`,
  options: {
    state: { type: 'string' },
    alg: { type: 'string' },
    'rotate-after': { type: 'string' },
    'publish-ahead': { type: 'string' },
    'retire-after': { type: 'string' },
    json: { type: 'boolean' },
  },
  positionals: [1, 2],
  async run(args, io) {
    const [sub, kid] = args.positionals;
    if (sub === undefined || !SUBCOMMANDS.includes(sub)) throw new UsageError(`unknown keyring command "${clip(sub ?? '')}" (${SUBCOMMANDS.join(', ')})`);
    if ((sub === 'revoke') !== (kid !== undefined)) throw new UsageError(sub === 'revoke' ? 'revoke takes a KID' : `${sub} takes no argument`);
    const path = stringOpt(args, 'state');
    if (path === undefined) throw new UsageError('--state FILE is required');
    const store = fileStore(path);
    const existing = await store.load();
    let alg = stringOpt(args, 'alg');
    if (sub === 'init') {
      if (existing !== null) throw new UsageError(`"${path}" already exists: init never overwrites a key ring`);
      if (alg === undefined) throw new UsageError('init needs --alg');
    } else {
      if (existing === null) throw new UsageError(`no key ring state at "${path}" (create one with jwkit keyring init)`);
      if (alg !== undefined) throw new UsageError('--alg is for init; the state file names its algorithm');
      alg = stateAlg(existing.state as string);
    }
    const opts: Parameters<typeof createKeyRing>[0] = { alg, store };
    for (const [flag, name] of [['rotate-after', 'rotateAfter'], ['publish-ahead', 'publishAhead'], ['retire-after', 'retireAfter']] as const) {
      const v = stringOpt(args, flag);
      if (v !== undefined) opts[name] = v; // a unit is required ('90s', '15m', '7d'), as everywhere in jwkit
    }
    const ring: KeyRing = await createKeyRing(opts);
    if (sub === 'rotate') await ring.rotate();
    if (sub === 'revoke') await ring.revoke(kid!);
    if (sub === 'jwks') return io.out(json(await ring.jwks()));
    const status = await ring.status();
    io.out(args.values.json === true ? json(status) : statusText(status));
  },
};

/** The state's `alg`, for the ring to keep generating that kind of key; a broken file is left for the ring to refuse. */
function stateAlg(text: string): string {
  try {
    const alg = (JSON.parse(text) as { alg?: unknown }).alg;
    if (isRingAlg(alg)) return alg;
  } catch {
    // the ring's strict reading reports it as ERR_KEYRING_STATE_INVALID
  }
  return 'ES256';
}
