/** Loads vector files from vectors/ and records which were loaded (see test/vectors-coverage.test.ts). */
import { readFileSync } from 'node:fs';

export const loaded = new Set<string>();

/** Parse `vectors/<rel>` (e.g. 'rfc7515-appendix-a.json' or 'rfc7520/jws/4_1.rsa_v15_signature.json'). */
export function loadVector<T = any>(rel: string): T {
  loaded.add(rel);
  return JSON.parse(readFileSync(new URL(`../../vectors/${rel}`, import.meta.url), 'utf8')) as T;
}
