/**
 * Key files in every format jwkit reads: JWK JSON (a key or a JWK Set), PEM
 * (keys and certificates) or DER. The format is told from the content, not
 * the file name: JSON starts with `{`, PEM has a `-----BEGIN` line,
 * anything else is DER.
 */
import { readFile } from 'node:fs/promises';
import { parseJwk, type Jwk } from '../jwk/index.js';
import { parseJwks } from '../jwks/index.js';
import { parseJsonObject } from '../lib/json.js';
import { pemToJwk, type PemToJwkOptions } from '../pem/index.js';
import { UsageError } from './command.js';

export type KeyFileKind = 'jwk' | 'pem' | 'der';

/** A file's bytes, or stdin for `-`; an unreadable file is a usage error. */
export async function readBytes(path: string, what: string): Promise<Uint8Array> {
  if (path === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return new Uint8Array(Buffer.concat(chunks));
  }
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new UsageError(`cannot read ${what} "${path}"${code === undefined ? '' : ` (${code})`}`);
  }
}

/** What a key file holds, and its text when it is text. */
export function classify(bytes: Uint8Array): { kind: KeyFileKind; text: string } {
  const text = Buffer.from(bytes).toString('utf8');
  if (text.trimStart().startsWith('{')) return { kind: 'jwk', text };
  if (text.includes('-----BEGIN ')) return { kind: 'pem', text };
  return { kind: 'der', text };
}

/** The keys of a key file: a JWK, the keys of a JWK Set, or the one key of a PEM/DER file. */
export async function readKeys(path: string, opts?: PemToJwkOptions): Promise<Jwk[]> {
  const bytes = await readBytes(path, 'key file');
  const { kind, text } = classify(bytes);
  if (kind === 'pem') return [await pemToJwk(text, opts)];
  if (kind === 'der') return [await pemToJwk(bytes, opts)];
  const obj = parseJsonObject(text, 'ERR_JSON_INVALID', path);
  return Array.isArray(obj.keys) ? [...parseJwks(obj).keys] : [parseJwk(obj)];
}

/** The one key of a key file: a JWK, or the key of a PEM/DER file (a JWK Set is refused by parseJwk). */
export async function readKey(path: string, opts?: PemToJwkOptions): Promise<Jwk> {
  const bytes = await readBytes(path, 'key file');
  const { kind, text } = classify(bytes);
  if (kind === 'jwk') return parseJwk(text);
  return pemToJwk(kind === 'pem' ? text : bytes, opts);
}
