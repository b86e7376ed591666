import { JwkitError } from '../errors.js';

/**
 * Map a crypto failure (WebCrypto DOMException or node:crypto error) to a
 * jwkit error: `NotSupportedError` means the runtime lacks the algorithm
 * (`ERR_JWK_UNSUPPORTED`); anything else is a key the crypto layer refused
 * (`ERR_KEY_INVALID`, e.g. an EC point off the curve).
 */
export function cryptoError(e: unknown, what: string): JwkitError {
  if (e instanceof JwkitError) return e;
  const name = typeof e === 'object' && e !== null ? (e as { name?: unknown }).name : undefined;
  if (name === 'NotSupportedError') return new JwkitError('ERR_JWK_UNSUPPORTED', `${what}: not supported by this runtime`, { cause: e });
  return new JwkitError('ERR_KEY_INVALID', `${what}: the key was rejected by the crypto layer`, { cause: e });
}
