/**
 * Entity tags for `jwksResponse`: a strong ETag derived from the body, and
 * `If-None-Match` evaluation as RFC 9110 §13.1.2 specifies it.
 */
import { backend } from '../backend/index.js';
import { encodeBase64url } from '../lib/base64url.js';
import { utf8 } from '../lib/bytes.js';

/**
 * A strong entity tag (RFC 9110 §8.8.3): the same bytes always give the same
 * tag, on every instance, so caches revalidate across replicas. base64url
 * only uses `etagc` characters.
 */
export async function strongEtag(body: string): Promise<string> {
  return `"${encodeBase64url(await backend.digest('SHA-256', utf8(body)))}"`;
}

/** Longest `If-None-Match` value looked at; a longer one is ignored (RFC 9110 §13.1.2 lets us). */
const MAX_FIELD = 8192;

/**
 * True when an `If-None-Match` field value matches `etag` (a strong tag with
 * quotes): `*`, or a list member whose opaque-tag equals it under the weak
 * comparison (RFC 9110 §8.8.3.2: `W/` is ignored on either side). The list is
 * scanned once, left to right; an entity-tag may contain commas, so members
 * are read as quoted strings, not split on commas. A malformed value matches
 * nothing (the server then just sends the full response).
 */
export function ifNoneMatch(field: string, etag: string): boolean {
  if (field.length > MAX_FIELD) return false;
  const v = field.trim();
  if (v === '*') return true;
  let i = 0;
  while (i < v.length) {
    const c = v.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x2c /* , */) {
      i++;
      continue;
    }
    if (v.startsWith('W/', i)) i += 2;
    if (v.charCodeAt(i) !== 0x22 /* " */) return false;
    const end = v.indexOf('"', i + 1);
    if (end < 0) return false;
    if (v.slice(i, end + 1) === etag) return true;
    i = end + 1;
  }
  return false;
}
