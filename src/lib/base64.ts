/**
 * Standard base64 (RFC 4648 §4) for PEM bodies and `x5c`, on the Web
 * platform's own `atob`/`btoa` (every runtime jwkit supports has them).
 * Decoding is strict and canonical: `atob` alone is forgiving (it skips
 * ASCII whitespace, accepts missing padding and non-zero unused bits), so
 * the input must also be exactly what `btoa` writes for the decoded bytes.
 */

/** `bytes` as standard, padded base64. */
export function encodeBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

/** `bytes` as unpadded base64url (RFC 4648 §5), for digests. */
export function encodeBase64url(bytes: Uint8Array): string {
  return encodeBase64(bytes).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

/** The SHA-256 digest of `bytes`, base64url (RFC 7638 thumbprints, `x5t#S256`). */
export async function sha256Base64url(bytes: Uint8Array): Promise<string> {
  return encodeBase64url(new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)));
}

/** Strictly decode canonical, padded standard base64; undefined for anything else. */
export function decodeBase64(s: string): Uint8Array | undefined {
  try {
    const bin = atob(s);
    if (btoa(bin) === s) return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  } catch {
    // not base64: undefined
  }
  return undefined;
}
