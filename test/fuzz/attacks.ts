/**
 * Attacker-built edits of a valid compact token, beyond random edits: the
 * forgeries of DESIGN's security rules, built with node:crypto (the
 * attacker's tools), independently of the code under test.
 */
import { createHmac, createPrivateKey, createPublicKey, sign as nodeSign } from 'node:crypto';
import fc from 'fast-check';
import type { Jwk } from '../../src/jwk/types.js';
import type { Signer } from './seeds.js';

const b64u = (b: Uint8Array | string) => Buffer.from(b).toString('base64url');
const json64 = (o: unknown) => b64u(JSON.stringify(o));

/** Group orders, for ECDSA r/s edge values (CVE-2022-21449). */
const ORDER: Record<string, string> = {
  ES256: 'ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551',
  ES384: 'ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973',
  ES512: '01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409',
};

/** Raw r‖s as ASN.1 DER (what some libraries wrongly accept). */
function rawToDer(sig: Buffer): Buffer {
  const half = sig.length / 2;
  const int = (b: Buffer) => {
    let i = 0;
    while (i < b.length - 1 && b[i] === 0) i++;
    let v = b.subarray(i);
    if (v[0]! & 0x80) v = Buffer.concat([Buffer.of(0), v]);
    return Buffer.concat([Buffer.of(0x02, v.length), v]);
  };
  const body = Buffer.concat([int(sig.subarray(0, half)), int(sig.subarray(half))]);
  return Buffer.concat([body.length < 128 ? Buffer.of(0x30, body.length) : Buffer.of(0x30, 0x81, body.length), body]);
}

/** The public key's bytes in every form an attacker might use as an HMAC secret (key confusion, CVE-2022-23541 / CVE-2023-48223). */
function confusionSecrets(jwk: Jwk): Buffer[] {
  const pub = { ...jwk } as Record<string, unknown>;
  for (const k of ['d', 'p', 'q', 'dp', 'dq', 'qi', 'alg', 'kid', 'use', 'key_ops']) delete pub[k];
  const out = [Buffer.from(JSON.stringify(jwk)), Buffer.from(JSON.stringify(pub))];
  for (const m of ['n', 'x', 'k'] as const) if (typeof jwk[m] === 'string') out.push(Buffer.from(jwk[m] as string, 'base64url'), Buffer.from(jwk[m] as string));
  if (jwk.kty !== 'oct') {
    try {
      const key = createPublicKey({ key: pub as never, format: 'jwk' });
      out.push(key.export({ type: 'spki', format: 'der' }), Buffer.from(key.export({ type: 'spki', format: 'pem' }) as string));
    } catch {
      // Ed448 and friends may not import here; the other forms remain.
    }
  }
  return out;
}

// The attacker's own Ed25519 key, from a fixed seed (PKCS#8 prefix + 32 bytes), so
// Ed25519's deterministic signatures make every forged input reproducible.
const attackerKey = createPrivateKey({
  key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.alloc(32, 0xa7)]),
  format: 'der',
  type: 'pkcs8',
});
const attackerJwk = createPublicKey(attackerKey).export({ format: 'jwk' });

/** Sign `header.payload` with the attacker's own key (its public key embedded or pointed at). */
function attackerSigned(header: Record<string, unknown>, payloadPart: string): string {
  const h = json64(header);
  return `${h}.${payloadPart}.${b64u(nodeSign(null, Buffer.from(`${h}.${payloadPart}`), attackerKey))}`;
}

/** One attack on a compact token made by `signer`. */
export function attack(signer: Signer, token: string, others: readonly string[]): fc.Arbitrary<string> {
  const [h, p, s] = token.split('.') as [string, string, string];
  const header = JSON.parse(Buffer.from(h, 'base64url').toString()) as Record<string, unknown>;
  const sig = Buffer.from(s, 'base64url');
  const kid = signer.publicJwk.kid;
  const forged: fc.Arbitrary<string>[] = [
    // Rule 1: alg none, with and without the signature (CVE-2022-23540, and the classic "none" bypass).
    fc.constantFrom('none', 'None', 'NONE', 'nOnE').chain((alg) => fc.constantFrom(`${json64({ ...header, alg })}.${p}.`, `${json64({ ...header, alg })}.${p}.${s}`)),
    // Rule 2: the attacker's key embedded or pointed at, with the victim's kid (CVE-2018-0114).
    fc.tuple(fc.constantFrom('jwk', 'jku', 'x5u', 'x5c'), fc.constantFrom('EdDSA', 'Ed25519')).map(([member, alg]) => {
      const value = member === 'jwk' ? attackerJwk : member === 'x5c' ? ['MIIB'] : 'https://attacker.example/keys';
      return attackerSigned({ alg, kid, [member]: value }, p);
    }),
    // Rule 2: kid as a path, URL, query or prototype name.
    fc.constantFrom('__proto__', 'constructor', '../../../dev/null', "' OR 1=1 --", 'https://attacker.example/k', '', kid ?? 'x').map(
      (k) => `${json64({ ...header, kid: k })}.${p}.${s}`,
    ),
    // Rule 4: zip, JSON serialization in a compact verifier, extra or missing dots.
    fc.constantFrom(`${json64({ ...header, zip: 'DEF' })}.${p}.${s}`, `${h}.${p}.${s}.`, `${h}..${p}.${s}`, `${h}.${p}`, JSON.stringify({ protected: h, payload: p, signature: s })),
    // Rule 6: crit edge cases.
    fc.constantFrom<unknown>([], ['exp'], ['b64', 'b64'], ['alg'], 'b64', [1]).map((crit) => `${json64({ ...header, crit })}.${p}.${s}`),
    // Splicing: another genuine token's payload or signature.
    fc.constantFrom(...others).chain((o) => {
      const [oh, op, os] = o.split('.') as [string, string, string];
      return fc.constantFrom(`${h}.${op}.${s}`, `${h}.${p}.${os}`, `${oh}.${p}.${s}`);
    }),
    // Signature bytes: empty, zeros, ones, truncated, extended.
    fc.constantFrom(
      '',
      b64u(new Uint8Array(sig.length)),
      b64u(new Uint8Array(sig.length).fill(0xff)),
      b64u(sig.subarray(0, sig.length - 1)),
      b64u(Buffer.concat([sig, Buffer.of(0)])),
      b64u(Buffer.concat([Buffer.of(0), sig])),
    ).map((sx) => `${h}.${p}.${sx}`),
  ];
  const n = ORDER[signer.alg];
  if (n !== undefined) {
    // Rule 3: r or s = 0 or n (psychic signatures, CVE-2022-21449); DER instead of raw r‖s.
    const N = Buffer.from(n, 'hex');
    const zero = Buffer.alloc(N.length);
    const half = sig.length / 2;
    const r = sig.subarray(0, half);
    forged.push(
      fc.constantFrom(
        Buffer.concat([zero, zero]),
        Buffer.concat([N, N]),
        Buffer.concat([r, zero]),
        Buffer.concat([zero, sig.subarray(half)]),
        Buffer.concat([r, N]),
        rawToDer(sig),
      ).map((x) => `${h}.${p}.${b64u(x)}`),
    );
  }
  if (signer.publicJwk.kty !== 'oct') {
    // Rule 1: HS* signed with the public key's bytes (key confusion).
    const secrets = confusionSecrets(signer.publicJwk);
    forged.push(
      fc.tuple(fc.constantFrom('HS256', 'HS384', 'HS512'), fc.constantFrom(...secrets)).map(([alg, secret]) => {
        const hh = json64({ ...header, alg });
        const mac = createHmac(`sha${alg.slice(2)}`, secret).update(`${hh}.${p}`).digest();
        return `${hh}.${p}.${b64u(mac)}`;
      }),
    );
  }
  return fc.oneof(...forged);
}
