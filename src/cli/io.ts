/** File, stdin and JSON helpers for the CLI (Node only). */
import { readFile, writeFile } from 'node:fs/promises';
import { parseJwk, type Jwk } from '../jwk/index.js';
import { UsageError } from './command.js';

/** Read a file as UTF-8, or stdin for `-`; an unreadable file is a usage error. */
export async function readText(path: string, what: string): Promise<string> {
  if (path === '-') return readStdin();
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new UsageError(`cannot read ${what} "${path}"${code === undefined ? '' : ` (${code})`}`);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A JWK from a file (`parseJwk` checks it; its errors are jwkit errors, exit 1). */
export async function readJwk(path: string): Promise<Jwk> {
  return parseJwk(await readText(path, 'key file'));
}

/** A token argument, or stdin for `-` (surrounding whitespace removed). */
export async function readToken(arg: string): Promise<string> {
  return arg === '-' ? (await readStdin()).trim() : arg;
}

/** JSON for humans and for `jq`. */
export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Create a new file (never overwrite one); private keys get mode 0600, readable by the owner only. */
export async function writeNewFile(path: string, text: string, mode: 0o600 | 0o644): Promise<void> {
  try {
    await writeFile(path, text, { mode, flag: 'wx' });
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new UsageError(`cannot write "${path}"${code === 'EEXIST' ? ': it already exists' : code === undefined ? '' : ` (${code})`}`);
  }
}
