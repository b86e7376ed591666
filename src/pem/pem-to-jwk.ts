import { JwkitError } from '../errors.js';
import { algKeyFit } from '../lib/alg.js';
import type { Jwk } from '../jwk/types.js';
import { encodeBase64, sha256Base64url } from '../lib/base64.js';
import { pemInvalid } from '../lib/der.js';
import { keyDerToJwk, thumbprintOf } from './key-to-jwk.js';
import { readKeyInput } from './read-input.js';

/**
 * Options for {@link pemToJwk}.
 *
 * @example
 * ```ts
 * import { pemToJwk, type PemToJwkOptions } from 'jwkit/pem';
 * const opts: PemToJwkOptions = { alg: 'PS256', passphrase: await readFile('key.pass', 'utf8'), maxIterations: 600_000 };
 * const jwk = await pemToJwk(encryptedPem, opts);
 * ```
 */
export interface PemToJwkOptions {
  /** Set the JWK's `alg` (it must fit the key); by default the JWK has no `alg`. */
  alg?: string;
  /** Set the JWK's `kid`; by default the RFC 7638 thumbprint. */
  kid?: string;
  /** The passphrase of an `ENCRYPTED PRIVATE KEY` (UTF-8). */
  passphrase?: string;
  /** Highest PBKDF2 iteration count accepted (default 1,000,000); a higher count fails before any work. */
  maxIterations?: number;
}

/**
 * Turn a key in the formats people have — PEM or DER; SPKI, PKCS#8,
 * encrypted PKCS#8 (PBES2), PKCS#1, SEC1, or X.509 certificates — into a JWK.
 * PEM text holds exactly one key, or one or more `CERTIFICATE` blocks (the
 * first certificate's key, with `x5c` = every certificate in order and
 * `x5t#S256` of the first). A private key gives a private JWK with its public
 * members. RSA, EC P-256/384/521, Ed25519, Ed448 and ML-DSA-44/65/87 (where
 * the runtime has it; an AKP JWK with its `alg`, from a PKCS#8 key that holds
 * the seed); anything else is refused. Certificate chains are not validated.
 *
 * Exported from `jwkit/pem` and `jwkit`.
 *
 * @example
 * ```ts
 * import { pemToJwk } from 'jwkit/pem';
 * const jwk = await pemToJwk(await readFile('key.pem', 'utf8'), { alg: 'ES256' });
 * ```
 * @param input - PEM text (`string`) or DER bytes (`Uint8Array`)
 * @param opts - `alg`, `kid`, `passphrase`, `maxIterations`
 * @returns a frozen JWK that passes `parseJwk`, with `kid`
 * @throws `ERR_PEM_INVALID` (malformed PEM/DER, unsupported key type, missing or wrong
 *   passphrase, iteration count over `maxIterations`), `ERR_JWK_INVALID` (`alg` does not fit the
 *   key, bad `kid`), `ERR_JWK_UNSUPPORTED` (unknown `alg`, or a key type this runtime lacks)
 */
export async function pemToJwk(input: string | Uint8Array, opts?: PemToJwkOptions): Promise<Jwk> {
  if (opts !== undefined && (typeof opts !== 'object' || !opts)) pemInvalid('opts must be an object');
  // Each option is read once (a getter that throws is named as the cause); the types are checked below.
  let alg: string | undefined, kid: string | undefined, passphrase: string | undefined, maxIterations: number;
  try {
    ({ alg, kid, passphrase, maxIterations = 1_000_000 } = opts ?? {});
  } catch (cause) {
    pemInvalid('opts could not be read', cause);
  }
  if (passphrase !== undefined && typeof passphrase !== 'string') pemInvalid('opts.passphrase must be a string');
  if (!Number.isSafeInteger(maxIterations) || maxIterations < 1) pemInvalid('opts.maxIterations must be a positive integer');
  if (kid !== undefined && (typeof kid !== 'string' || kid === '')) throw new JwkitError('ERR_JWK_INVALID', 'opts.kid must be a non-empty string');
  const fit = alg === undefined ? undefined : algKeyFit(alg);
  const { key, certs } = await readKeyInput(input, { passphrase, maxIterations });
  const { kind } = key;
  // The members come from WebCrypto's export of a key jwkit parsed itself, so the JWK is valid
  // by construction (parseJwk's rules: sizes per curve, all RSA private members, no empty
  // member); what a caller supplies is checked here: alg must fit the key, kid be a string.
  const jwk = await keyDerToJwk(key);
  const id = kid ?? (await thumbprintOf(jwk));
  if (fit) {
    // The registry's fit: the key type, one of the alg's curves (if it names any), an AKP key's own parameter set.
    const [kty, ...crvs] = fit;
    if (kty !== kind.kty || (crvs.length && !crvs.includes(kind.crv!)) || (kind.alg ?? alg) !== alg) throw new JwkitError('ERR_JWK_INVALID', `${alg} does not fit this ${kind.crv ?? kind.kty} key`);
    jwk.alg = alg;
  }
  jwk.kid = id;
  if (certs.length) {
    // RFC 7517 §4.7–4.9: standard base64 DER, in order; the SHA-256 thumbprint of the first.
    jwk.x5c = Object.freeze(certs.map(encodeBase64));
    jwk['x5t#S256'] = await sha256Base64url(certs[0]!);
  }
  return Object.freeze(jwk) as Jwk;
}
