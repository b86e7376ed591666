/**
 * The algorithm registry: the single truth mapping each JOSE `alg` to its key
 * type, curves, hash, WebCrypto parameters, signature length and minimum key
 * size. Nothing outside this file switches on an `alg` string; everything
 * below takes a resolved {@link AlgEntry}.
 *
 * The table has a null prototype, so `'__proto__'`, `'constructor'` and
 * `'toString'` are simply unsupported algorithms.
 */
import { JwkitError, type JwkitErrorCode } from '../errors.js';

export type Kty = 'oct' | 'RSA' | 'EC' | 'OKP' | 'AKP';
export type HashName = 'SHA-256' | 'SHA-384' | 'SHA-512';
export type Family = 'HMAC' | 'RSASSA-PKCS1-v1_5' | 'RSA-PSS' | 'ECDSA' | 'EdDSA' | 'ML-DSA';

/** WebCrypto algorithm parameters as plain frozen objects. */
export type WebAlgorithm = Readonly<{ name: string; hash?: string; namedCurve?: string; saltLength?: number }>;

export interface AlgEntry {
  /** The JOSE name, e.g. `RS256`. */
  readonly alg: string;
  readonly family: Family;
  readonly kty: Kty;
  /** Curves a key may have (EC/OKP/AKP parameter set); empty for oct/RSA. */
  readonly crvs: readonly string[];
  /** Hash used by the signature (undefined for EdDSA/ML-DSA). */
  readonly hash: HashName | undefined;
  /** WebCrypto `importKey` parameters for a key on curve `crv`. */
  importParams(crv: string | undefined): WebAlgorithm;
  /** WebCrypto `sign`/`verify` parameters for a key on curve `crv`. */
  signParams(crv: string | undefined): WebAlgorithm;
  /** WebCrypto `generateKey` parameters (RSA modulus chosen by the caller). */
  generateParams(crv: string | undefined, modulusLength: number): Readonly<Record<string, unknown>>;
  /** Exact signature length in bytes for curve `crv`, or undefined when it depends on the key (RSA). */
  sigLength(crv: string | undefined): number | undefined;
  /** HMAC: minimum secret bytes. RSA: minimum modulus bits. Others: 0. */
  readonly minKeySize: number;
  /** ECDSA only: the group order n, big-endian, coordinate length (for the r, s range check). */
  readonly order: Uint8Array | undefined;
  /** True when the runtime may lack it (feature-detected, e.g. Ed448, ML-DSA). */
  readonly optional: boolean;
  /**
   * AKP keys only: the exact byte lengths of `pub` and `priv` (FIPS 204
   * Table 2; draft-ietf-cose-dilithium §4: `priv` is the 32-byte seed).
   */
  readonly keyBytes: Readonly<{ pub: number; priv: number }> | undefined;
}

const HASH_BYTES: Record<HashName, number> = { 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 };
const RSA_MIN_BITS = 2048;
const F = Object.freeze;

function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

type Defaulted = 'order' | 'optional' | 'keyBytes';
function entry(e: Omit<AlgEntry, Defaulted> & Partial<Pick<AlgEntry, Defaulted>>): AlgEntry {
  return F({ order: undefined, optional: false, keyBytes: undefined, ...e, crvs: F([...e.crvs]) });
}

function hmac(bits: 256 | 384 | 512): AlgEntry {
  const hash = `SHA-${bits}` as HashName;
  const params = F({ name: 'HMAC', hash });
  return entry({
    alg: `HS${bits}`, family: 'HMAC', kty: 'oct', crvs: [], hash,
    importParams: () => params,
    signParams: () => F({ name: 'HMAC' }),
    generateParams: () => F({ name: 'HMAC', hash, length: bits }),
    sigLength: () => HASH_BYTES[hash],
    // RFC 7518 §3.2: a key of the same size as the hash output or larger.
    minKeySize: HASH_BYTES[hash],
  });
}

function rsa(prefix: 'RS' | 'PS', bits: 256 | 384 | 512): AlgEntry {
  const hash = `SHA-${bits}` as HashName;
  const name = prefix === 'RS' ? 'RSASSA-PKCS1-v1_5' : 'RSA-PSS';
  const imp = F({ name, hash });
  // RFC 7518 §3.5: the PSS salt is as long as the hash output.
  const sign = prefix === 'RS' ? F({ name }) : F({ name, saltLength: HASH_BYTES[hash] });
  return entry({
    alg: `${prefix}${bits}`, family: name, kty: 'RSA', crvs: [], hash,
    importParams: () => imp,
    signParams: () => sign,
    generateParams: (_crv, modulusLength) =>
      F({ name, hash, modulusLength, publicExponent: new Uint8Array([1, 0, 1]) }),
    sigLength: () => undefined,
    minKeySize: RSA_MIN_BITS,
  });
}

function ecdsa(bits: 256 | 384 | 512, crv: string, coordBytes: number, orderHex: string): AlgEntry {
  const hash = `SHA-${bits}` as HashName;
  const imp = F({ name: 'ECDSA', namedCurve: crv });
  const sign = F({ name: 'ECDSA', hash });
  return entry({
    alg: `ES${bits}`, family: 'ECDSA', kty: 'EC', crvs: [crv], hash,
    importParams: () => imp,
    signParams: () => sign,
    generateParams: () => imp,
    // RFC 7518 §3.4: raw R || S, each the coordinate length.
    sigLength: () => 2 * coordBytes,
    minKeySize: 0,
    order: hexBytes(orderHex.padStart(coordBytes * 2, '0')),
  });
}

const ED_SIG: Record<string, number> = { Ed25519: 64, Ed448: 114 };
function eddsa(alg: string, crvs: string[]): AlgEntry {
  const byCrv = (crv: string | undefined) => F({ name: crv ?? crvs[0]! });
  return entry({
    alg, family: 'EdDSA', kty: 'OKP', crvs, hash: undefined,
    importParams: byCrv,
    signParams: byCrv,
    generateParams: byCrv,
    sigLength: (crv) => ED_SIG[crv ?? crvs[0]!],
    minKeySize: 0,
    optional: !crvs.includes('Ed25519'),
  });
}

/**
 * ML-DSA (FIPS 204; draft-ietf-cose-dilithium §5): `kty: "AKP"`, the JWK's
 * required `alg` names the parameter set (no `crv`), pure ML-DSA with the
 * empty context (WebCrypto's default), no pre-hash.
 */
function mldsa(level: 44 | 65 | 87, pubBytes: number, sigBytes: number): AlgEntry {
  const alg = `ML-DSA-${level}`;
  const params = F({ name: alg });
  return entry({
    alg, family: 'ML-DSA', kty: 'AKP', crvs: [], hash: undefined,
    importParams: () => params,
    signParams: () => params,
    generateParams: () => params,
    sigLength: () => sigBytes,
    minKeySize: 0,
    optional: true,
    keyBytes: F({ pub: pubBytes, priv: 32 }),
  });
}

const ENTRIES: readonly AlgEntry[] = F([
  hmac(256), hmac(384), hmac(512),
  rsa('RS', 256), rsa('RS', 384), rsa('RS', 512),
  rsa('PS', 256), rsa('PS', 384), rsa('PS', 512),
  ecdsa(256, 'P-256', 32, 'ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551'),
  ecdsa(384, 'P-384', 48, 'ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973'),
  ecdsa(512, 'P-521', 66, '01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409'),
  // EdDSA (RFC 8037) takes the curve from the key; RFC 9864 names fix it.
  eddsa('EdDSA', ['Ed25519', 'Ed448']),
  eddsa('Ed25519', ['Ed25519']),
  eddsa('Ed448', ['Ed448']),
  // FIPS 204 Table 2: public key and signature sizes.
  mldsa(44, 1312, 2420),
  mldsa(65, 1952, 3309),
  mldsa(87, 2592, 4627),
]);

const TABLE: Record<string, AlgEntry> = Object.create(null) as Record<string, AlgEntry>;
for (const e of ENTRIES) TABLE[e.alg] = e;

/** Every signature algorithm jwkit knows (not all runtimes have all of them). */
export const ALGORITHMS: readonly string[] = F(ENTRIES.map((e) => e.alg));

/** The entry for `alg`, or undefined (never `none`, never an inherited property). */
export function lookupAlg(alg: unknown): AlgEntry | undefined {
  return typeof alg === 'string' ? TABLE[alg] : undefined;
}

/** The entry for `alg`; anything unknown throws `code` (default `ERR_JWK_UNSUPPORTED`). */
export function resolveAlg(alg: unknown, code: JwkitErrorCode = 'ERR_JWK_UNSUPPORTED'): AlgEntry {
  const e = lookupAlg(alg);
  if (e === undefined) {
    const shown = typeof alg === 'string' ? JSON.stringify(alg.slice(0, 32)) : typeof alg;
    throw new JwkitError(code, `unsupported algorithm ${shown}`);
  }
  return e;
}

/** Every entry whose key type (and curve, if any) fits the given key. */
export function algsForKey(kty: string, crv: string | undefined): AlgEntry[] {
  return ENTRIES.filter((e) => e.kty === kty && (e.crvs.length === 0 || (crv !== undefined && e.crvs.includes(crv))));
}

/** All entries, for feature probes and tests. */
export function allAlgs(): readonly AlgEntry[] {
  return ENTRIES;
}
