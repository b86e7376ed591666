/**
 * The algorithm registry: the single truth mapping each JOSE `alg` to its key
 * type, curves, hash, WebCrypto parameters, signature length and minimum key
 * size. Nothing outside this file switches on an `alg` string; everything
 * below takes a resolved {@link AlgEntry}.
 *
 * The table is a `Map`, so `'__proto__'`, `'constructor'` and `'toString'`
 * are simply unsupported algorithms.
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
}

const F = Object.freeze;

/** Group orders n of P-256/384/521 (SEC 2 §2.4), hex, for the r, s range check. */
const ORDERS = [
  'ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551',
  'ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973',
  '01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409',
];

/**
 * Build the table once, on first use (no work at module load, so a bundle
 * that never resolves an alg drops it). One loop per family, each entry from
 * the same `add`; EdDSA (RFC 8037) takes the curve from the key, the RFC 9864
 * names fix it; ML-DSA signature sizes are FIPS 204 Table 2.
 */
function build(): AlgEntry[] {
  const out: AlgEntry[] = [];
  const add = (
    alg: string, family: Family, kty: Kty, crvs: string[], hash: HashName | undefined,
    params: (crv: string | undefined) => WebAlgorithm, sign: (crv: string | undefined) => WebAlgorithm,
    generate: AlgEntry['generateParams'], sig: number | undefined, extra: Partial<AlgEntry> = {},
  ) => {
    out.push(F({
      alg, family, kty, crvs: F(crvs), hash, importParams: params, signParams: sign, generateParams: generate,
      sigLength: () => sig, minKeySize: 0, order: undefined, optional: false, ...extra,
    }));
  };
  const bits = [256, 384, 512] as const;
  for (const b of bits) {
    const hash = `SHA-${b}` as HashName;
    const p = F({ name: 'HMAC', hash });
    const s = F({ name: 'HMAC' });
    // RFC 7518 §3.2: a key of the same size as the hash output or larger.
    add(`HS${b}`, 'HMAC', 'oct', [], hash, () => p, () => s, () => F({ name: 'HMAC', hash, length: b }), b / 8, { minKeySize: b / 8 });
  }
  for (const [prefix, family] of [['RS', 'RSASSA-PKCS1-v1_5'], ['PS', 'RSA-PSS']] as const) {
    for (const b of bits) {
      const hash = `SHA-${b}` as HashName;
      const p = F({ name: family, hash });
      // RFC 7518 §3.5: the PSS salt is as long as the hash output.
      const s = F(prefix === 'RS' ? { name: family } : { name: family, saltLength: b / 8 });
      const gen = (_crv: string | undefined, modulusLength: number) => F({ name: family, hash, modulusLength, publicExponent: new Uint8Array([1, 0, 1]) });
      // RFC 7518 §3.3: 2048 bits or larger.
      add(`${prefix}${b}`, family, 'RSA', [], hash, () => p, () => s, gen, undefined, { minKeySize: 2048 });
    }
  }
  bits.forEach((b, i) => {
    const crv = `P-${b === 512 ? 521 : b}`;
    const bytes = [32, 48, 66][i]!;
    const p = F({ name: 'ECDSA', namedCurve: crv });
    const s = F({ name: 'ECDSA', hash: `SHA-${b}` });
    const order = new Uint8Array(bytes);
    for (let j = 0; j < bytes; j++) order[j] = parseInt(ORDERS[i]!.slice(j * 2, j * 2 + 2), 16);
    // RFC 7518 §3.4: raw R || S, each the coordinate length.
    add(`ES${b}`, 'ECDSA', 'EC', [crv], `SHA-${b}` as HashName, () => p, () => s, () => p, 2 * bytes, { order });
  });
  for (const [alg, crvs] of [['EdDSA', ['Ed25519', 'Ed448']], ['Ed25519', ['Ed25519']], ['Ed448', ['Ed448']]] as const) {
    const byCrv = (crv: string | undefined) => F({ name: crv ?? crvs[0] });
    // RFC 8032: 64-byte Ed25519 and 114-byte Ed448 signatures.
    const sigLength = (crv: string | undefined) => ({ Ed25519: 64, Ed448: 114 } as Record<string, number>)[crv ?? crvs[0]];
    add(alg, 'EdDSA', 'OKP', [...crvs], undefined, byCrv, byCrv, byCrv, undefined, { optional: alg === 'Ed448', sigLength });
  }
  // ML-DSA (FIPS 204; draft-ietf-cose-dilithium §5): kty "AKP", the JWK's required "alg"
  // names the parameter set, pure ML-DSA with the empty context, no pre-hash.
  for (const [level, sig] of [[44, 2420], [65, 3309], [87, 4627]] as const) {
    const p = F({ name: `ML-DSA-${level}` });
    add(`ML-DSA-${level}`, 'ML-DSA', 'AKP', [], undefined, () => p, () => p, () => p, sig, { optional: true });
  }
  return out;
}

let entries: readonly AlgEntry[] | undefined;
let table: Map<string, AlgEntry> | undefined;

/** All entries, for feature probes and tests. */
export function allAlgs(): readonly AlgEntry[] {
  return (entries ??= F(build()));
}

/** The entry for `alg`, or undefined (never `none`, never an inherited property). */
export function lookupAlg(alg: unknown): AlgEntry | undefined {
  table ??= new Map(allAlgs().map((e) => [e.alg, e]));
  return typeof alg === 'string' ? table.get(alg) : undefined;
}

function unsupported(alg: unknown, code: JwkitErrorCode = 'ERR_JWK_UNSUPPORTED'): never {
  const shown = typeof alg === 'string' ? JSON.stringify(alg.slice(0, 32)) : typeof alg;
  throw new JwkitError(code, `unsupported algorithm ${shown}`);
}

/** The entry for `alg`; anything unknown throws `code` (default `ERR_JWK_UNSUPPORTED`). */
export function resolveAlg(alg: unknown, code: JwkitErrorCode = 'ERR_JWK_UNSUPPORTED'): AlgEntry {
  return lookupAlg(alg) ?? unsupported(alg, code);
}

/**
 * The table's key fit as data only, for code that needs no WebCrypto table (pemToJwk): groups of
 * `algs:kty curves`. test/pem/alg-view.test.ts checks it equals {@link allAlgs} entry by entry.
 */
const KEY_FIT =
  'HS256 HS384 HS512:oct|RS256 RS384 RS512 PS256 PS384 PS512:RSA|ES256:EC P-256|ES384:EC P-384|ES512:EC P-521|' +
  'EdDSA:OKP Ed25519 Ed448|Ed25519:OKP Ed25519|Ed448:OKP Ed448|ML-DSA-44 ML-DSA-65 ML-DSA-87:AKP';

/** `[kty, ...crvs]` of `alg` (no curves: any); anything unknown throws `ERR_JWK_UNSUPPORTED` as {@link resolveAlg} does. */
export function algKeyFit(alg: unknown): string[] {
  for (const group of KEY_FIT.split('|')) {
    const [algs, key] = group.split(':') as [string, string];
    if (algs.split(' ').includes(alg as string)) return key.split(' ');
  }
  return unsupported(alg);
}

/**
 * WebCrypto `importKey` parameters for a key of this type, as the first entry of
 * {@link algsForKey} gives them (importing checks the key, not the alg): RSA as RS256, EC by its
 * curve, OKP by its curve, AKP by its parameter set (`alg`). Data only; the test above checks it.
 */
export function keyImportParams(kty: string, crv: string | undefined, alg?: string): WebAlgorithm {
  return kty === 'RSA' ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } : kty === 'EC' ? { name: 'ECDSA', namedCurve: crv! } : { name: (crv ?? alg)! };
}

/** Every entry whose key type (and curve, if any) fits the given key. */
export function algsForKey(kty: string, crv: string | undefined): AlgEntry[] {
  return allAlgs().filter((e) => e.kty === kty && (e.crvs.length === 0 || (crv !== undefined && e.crvs.includes(crv))));
}

/** Encryption algorithms a JWK may name (RFC 7518 §4), by the key types they fit. */
const ENC_ALGS: readonly [RegExp, string][] = [
  [/^(dir|A(128|192|256)(GCM)?KW|PBES2-HS(256\+A128|384\+A192|512\+A256)KW|A(128|192|256)GCM|A(128CBC-HS256|192CBC-HS384|256CBC-HS512))$/, 'oct'],
  [/^RSA(1_5|-OAEP(-256|-384|-512)?)$/, 'RSA'],
  [/^ECDH-ES(\+A(128|192|256)KW)?$/, 'EC OKP'],
];

/** The key types a registered encryption `alg` fits ("EC OKP"), or undefined for any other alg. */
export function encAlgKtys(alg: string): string | undefined {
  return ENC_ALGS.find(([re]) => re.test(alg))?.[1];
}

/** True when `alg` is a registered encryption algorithm (never usable for signatures). */
export function isEncryptionAlg(alg: string): boolean {
  return encAlgKtys(alg) !== undefined;
}
