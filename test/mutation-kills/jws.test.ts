/**
 * jwkit/jws tests written from the mutants the jws tests let survive
 * (test/MUTATION.md): each refusal says what was wrong (DESIGN: messages say
 * what was wrong, never the token), at the edges of RFC 7515 (compact form
 * §7.1, JSON serializations §7.2, crit §4.1.11, unprotected headers), RFC
 * 7797 (b64, crit) and Appendix F (detached payloads); the header order a
 * signer emits; DESIGN rule 1 (alg allow-lists, the key decides), rule 3
 * (ECDSA r, s in [1, n-1], exact signature lengths, checked before any key
 * is resolved), rule 7 (HMAC secrets that are really key files) and rule 9
 * (size bounds at their edges).
 */
import { createHmac } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { decode, encode } from '../../src/base64url/index.js';
import { JwkitError, JwksMultipleMatchingKeysError } from '../../src/errors.js';
import { generateKeyPair, importJwk } from '../../src/jwk/index.js';
import type { Jwk } from '../../src/jwk/types.js';
import type { FlattenedJws } from '../../src/jws/index.js';
import {
  decodeProtectedHeader,
  signCompact,
  signFlattened,
  signGeneral,
  supportedAlgorithms,
  verifyCompact,
  verifyFlattened,
  verifyGeneral,
} from '../../src/jws/index.js';
import { signJwt } from '../../src/jwt/index.js';
import { rejection } from '../helpers/refusal.js';

const enc = (s: string) => new TextEncoder().encode(s);
const b64 = (s: string | Uint8Array) => encode(typeof s === 'string' ? enc(s) : s);
const SECRET = new Uint8Array(32).fill(7);
const SECRET_JWK: Jwk = { kty: 'oct', k: encode(SECRET) };
const KiB256 = 262144;

const mac = (input: string | Uint8Array, secret: Uint8Array = SECRET) => createHmac('sha256', secret).update(input).digest('base64url');
/** An HS256 compact JWS over any header text and payload segment, MACed independently of jwkit. */
function hs(headerText: string, payloadSegment = b64('x'), secret: Uint8Array = SECRET): string {
  const input = `${b64(headerText)}.${payloadSegment}`;
  return `${input}.${mac(input, secret)}`;
}
/** A flattened JWS with any protected header text (or none) and unprotected header, MACed. */
function flat(protText: string | undefined, header?: Record<string, unknown>, payload = b64('x')): FlattenedJws {
  const p = protText === undefined ? '' : b64(protText);
  const out: Record<string, unknown> = { payload, signature: mac(`${p}.${payload}`) };
  if (protText !== undefined) out.protected = p;
  if (header !== undefined) out.header = header;
  return out as unknown as FlattenedJws;
}

type Failure = JwkitError & { cause?: unknown };
async function expectFailure(p: Promise<unknown> | (() => unknown), code: string, message: string | RegExp): Promise<Failure> {
  const e = await rejection(p);
  expect(e).toBeInstanceOf(JwkitError);
  expect(e.code).toBe(code);
  if (typeof message === 'string') expect(e.message).toBe(message);
  else expect(e.message).toMatch(message);
  return e;
}

let es256: { privateJwk: Jwk; publicJwk: Jwk };
let rsa: { privateJwk: Jwk; publicJwk: Jwk };
beforeAll(async () => {
  es256 = await generateKeyPair('ES256');
  rsa = await generateKeyPair('RS256');
});

describe('verify options: each refusal names the option', () => {
  const t = hs('{"alg":"HS256"}');
  it.each([
    ['null', null, 'verify options must be an object'],
    ['a number', 5, 'verify options must be an object'],
    ['algorithms not an array', { algorithms: 'HS256' }, 'options.algorithms must be an array of strings'],
    ['algorithms with a non-string', { algorithms: ['HS256', 5] }, 'options.algorithms must be an array of strings'],
    ['crit an array', { crit: ['x'] }, 'options.crit must be an object of booleans'],
    ['crit with a non-boolean', { crit: { a: true, b: 1 } }, 'options.crit must be an object of booleans'],
    ['crit an array of booleans', { crit: [true] }, 'options.crit must be an object of booleans'],
    ['crit a number', { crit: 5 }, 'options.crit must be an object of booleans'],
    ['crit a Map', { crit: new Map() }, 'options.crit must be an object of booleans'],
    ['maxBytes 0', { maxBytes: 0 }, 'options.maxBytes must be a positive integer'],
    ['maxBytes negative', { maxBytes: -1 }, 'options.maxBytes must be a positive integer'],
    ['maxBytes fractional', { maxBytes: 1.5 }, 'options.maxBytes must be a positive integer'],
    ['maxBytes a string', { maxBytes: '100' }, 'options.maxBytes must be a positive integer'],
    ['payload a number', { payload: 5 }, 'the detached payload must be a Uint8Array or a string'],
  ])('%s', async (_what, opts, message) => {
    await expectFailure(verifyCompact(t, SECRET, opts as never), 'ERR_JWS_INVALID', message);
    await expectFailure(verifyFlattened(flat('{"alg":"HS256"}'), SECRET, opts as never), 'ERR_JWS_INVALID', message);
  });

  it('options that cannot be read fail as ERR_JWS_INVALID with the cause', async () => {
    const boom = new Error('getter');
    const opts = { get algorithms(): never { throw boom; } };
    const e = await expectFailure(verifyCompact(t, SECRET, opts as never), 'ERR_JWS_INVALID', 'verify options could not be read');
    expect(e.cause).toBe(boom);
  });

  it('maxBytes 1 is a valid limit and the maxBytes default applies when it is left out', async () => {
    await expectFailure(verifyCompact(t, SECRET, { maxBytes: 1 }), 'ERR_JWS_INVALID', 'the JWS is larger than maxBytes (1)');
    expect((await verifyCompact(t, SECRET, { maxBytes: t.length })).payload).toEqual(enc('x'));
    expect((await verifyCompact(t, SECRET, { crit: {} })).payload).toEqual(enc('x'));
  });

  it('opts.crit is a plain map: inherited Object members are not understood extensions', async () => {
    // RFC 7515 §4.1.11: only extensions the caller lists are understood; "toString" was never listed.
    const token = hs('{"alg":"HS256","crit":["toString"],"toString":1}');
    await expectFailure(verifyCompact(token, SECRET, { crit: {} }), 'ERR_JWS_CRIT_UNSUPPORTED', '"crit" lists an unknown extension');
    await expectFailure(verifyCompact(token, SECRET, { crit: { other: false } }), 'ERR_JWS_CRIT_UNSUPPORTED', '"crit" lists an unknown extension');
    expect((await verifyCompact(token, SECRET, { crit: { toString: true } })).protectedHeader.toString).toBe(1);
  });

  it('algorithms is copied when the call starts: a resolver changing the caller array does not widen it', async () => {
    const algorithms = ['HS256'];
    const g = await signGeneral('x', [{ key: SECRET, alg: 'HS256', header: { kid: 'a' } }, { key: new Uint8Array(48).fill(3), alg: 'HS384' }]);
    const e = await rejection(verifyGeneral(g, async (h) => {
      algorithms.push('HS384');
      if (h.kid === 'a') throw new JwkitError('ERR_JWKS_NO_MATCHING_KEY', 'no');
      return { kty: 'oct', k: encode(new Uint8Array(48).fill(3)) };
    }, { algorithms }));
    expect(e.code).toBe('ERR_JWKS_NO_MATCHING_KEY');
  });
});

describe('compact parsing (RFC 7515 §7.1, DESIGN rules 4 and 9)', () => {
  it('refusals say what was wrong', async () => {
    await expectFailure(verifyCompact(5 as never, SECRET), 'ERR_JWS_INVALID', 'a compact JWS must be a string');
    await expectFailure(verifyCompact('{"a":1}', SECRET), 'ERR_JWS_INVALID', 'this is a JSON-serialized JWS: use verifyFlattened or verifyGeneral');
    for (const bad of ['abc', 'a.b', 'a..b.c', 'a.b.c.']) {
      await expectFailure(verifyCompact(bad, SECRET), 'ERR_JWS_INVALID', 'a compact JWS has exactly two dots (RFC 7515 §7.1)');
    }
    await expectFailure(verifyCompact('!.a.b', SECRET), 'ERR_JWS_INVALID', 'the JWS protected header is not valid base64url');
    // Two dots after a one-character header: well-formed structure, a header that is not base64url.
    await expectFailure(verifyCompact('a.b.c', SECRET), 'ERR_JWS_INVALID', 'the JWS protected header is not valid base64url');
    await expectFailure(verifyCompact(`${b64('[1]')}.a.b`, SECRET), 'ERR_JWS_INVALID', 'the JWS protected header must be a JSON object');
    await expectFailure(verifyCompact(`${b64(new Uint8Array([0x7b, 0xff, 0x7d]))}.a.b`, SECRET), 'ERR_JWS_INVALID', 'the JWS protected header is not valid UTF-8');
    const t = hs('{"alg":"HS256"}');
    const [p, pl] = t.split('.');
    await expectFailure(verifyCompact(`${p}.${pl}.A`, SECRET), 'ERR_JWS_INVALID', 'the JWS signature is not valid base64url');
    await expectFailure(verifyCompact(`${p}.A.${t.split('.')[2]}`, SECRET), 'ERR_JWS_INVALID', 'the JWS payload is not valid base64url');
  });

  it('the size limit is inclusive: exactly maxBytes characters are read', async () => {
    const t = hs('{"alg":"HS256"}');
    expect((await verifyCompact(t, SECRET, { maxBytes: t.length })).payload).toEqual(enc('x'));
    await expectFailure(verifyCompact(t, SECRET, { maxBytes: t.length - 1 }), 'ERR_JWS_INVALID', `the JWS is larger than maxBytes (${t.length - 1})`);
  });

  it('a header the caller changes does not change the next verification of the same header (RFC 7515 §5.2)', async () => {
    const text = '{"alg":"HS256","crit":["urn:x"],"urn:x":{"v":[1]},"n":1}';
    const t = hs(text);
    const first = await verifyCompact(t, SECRET, { crit: { 'urn:x': true } });
    (first.protectedHeader as Record<string, unknown>).n = 2;
    ((first.protectedHeader['urn:x'] as { v: number[] }).v).push(2);
    (first.protectedHeader.crit as string[]).push('zzz');
    const second = await verifyCompact(t, SECRET, { crit: { 'urn:x': true } });
    expect(second.protectedHeader).toEqual(JSON.parse(text));
    const simple = hs('{"alg":"HS256","typ":"a"}');
    const a = await verifyCompact(simple, SECRET);
    (a.protectedHeader as Record<string, unknown>).typ = 'b';
    expect((await verifyCompact(simple, SECRET)).protectedHeader).toEqual({ alg: 'HS256', typ: 'a' });
  });

  it('many distinct headers in a row each verify with their own members', async () => {
    for (let i = 0; i < 140; i++) {
      const t = hs(`{"alg":"HS256","n":${i}}`);
      expect((await verifyCompact(t, SECRET)).protectedHeader.n).toBe(i);
      // A header seen before still decodes to itself.
      const again = hs(`{"alg":"HS256","n":${i >> 1}}`);
      expect((await verifyCompact(again, SECRET)).protectedHeader.n).toBe(i >> 1);
    }
    const long = `{"alg":"HS256","pad":"${'p'.repeat(600)}"}`;
    for (let i = 0; i < 2; i++) expect((await verifyCompact(hs(long), SECRET)).protectedHeader.pad).toBe('p'.repeat(600));
  });
});

describe('header checks (RFC 7515 §4, §7.2.1; DESIGN rules 2, 4, 5)', () => {
  it('refusals say what was wrong', async () => {
    await expectFailure(verifyCompact(hs('{"typ":"JWT"}'), SECRET), 'ERR_JWS_INVALID', 'the JWS header has no "alg" string');
    await expectFailure(verifyCompact(hs('{"alg":"HS256","zip":"DEF"}'), SECRET), 'ERR_JWS_INVALID', 'the JWS header "zip" is not supported');
    await expectFailure(verifyCompact(hs('{"alg":"HS256","kid":1}'), SECRET), 'ERR_JWS_INVALID', 'the JWS header "kid" must be a string');
    await expectFailure(verifyCompact(hs('{"alg":"HS256","b64":0,"crit":["b64"]}'), SECRET), 'ERR_JWS_INVALID', 'the JWS header "b64" must be a boolean');
    await expectFailure(verifyFlattened(flat('{"alg":"HS256"}', { alg: 'HS256' }), SECRET), 'ERR_JWS_INVALID', 'the JWS headers share a member name');
    await expectFailure(verifyFlattened(flat('{"alg":"HS256","crit":["b64"]}', { b64: true }), SECRET), 'ERR_JWS_INVALID', '"b64" must be in the JWS protected header');
  });

  it('any member name other than __proto__ is a header member, the empty name included (RFC 7515 §4, RFC 8259 §4)', async () => {
    const r = await verifyFlattened(flat('{"alg":"HS256"}', { '': 1, kid: 'k' }), SECRET);
    expect(r.protectedHeader).toEqual({ alg: 'HS256', '': 1, kid: 'k' });
    const t = await signCompact('x', SECRET, { alg: 'HS256', protectedHeader: { '': 1, typ: 'T' } });
    expect(new TextDecoder().decode(decode(t.split('.')[0]!))).toBe('{"alg":"HS256","":1,"typ":"T"}');
    expect((await verifyCompact(t, SECRET)).protectedHeader['']).toBe(1);
  });

  it('a __proto__ member in a header the caller passes to a signer is refused (DESIGN rule 5)', async () => {
    const own = JSON.parse('{"__proto__":{"polluted":true},"typ":"T"}') as object;
    await expectFailure(signCompact('x', SECRET, { alg: 'HS256', protectedHeader: own }), 'ERR_JWS_INVALID', 'protectedHeader has a "__proto__" member');
    await expectFailure(signFlattened('x', SECRET, { alg: 'HS256', header: own as Record<string, unknown> }), 'ERR_JWS_INVALID', 'header has a "__proto__" member');
  });

  it('a JSON JWS without a protected header: the unprotected header alone (RFC 7515 §7.2.1), signing input ".payload"', async () => {
    const f = flat(undefined, { alg: 'HS256', kid: 'k' });
    const r = await verifyFlattened(f, SECRET);
    expect(r.protectedHeader).toEqual({ alg: 'HS256', kid: 'k' });
    expect(r.payload).toEqual(enc('x'));
    await expectFailure(verifyFlattened(flat(undefined, { alg: 'HS256', b64: false }), SECRET), 'ERR_JWS_INVALID', '"b64" must be in the JWS protected header');
    await expectFailure(verifyFlattened(flat(undefined, { alg: 'HS256', crit: ['x'], x: 1 }), SECRET, { crit: { x: false } }), 'ERR_JWS_CRIT_UNSUPPORTED', '"crit" must be in the JWS protected header');
    await expectFailure(verifyFlattened(flat(undefined, undefined), SECRET), 'ERR_JWS_INVALID', 'the JWS header has no "alg" string');
    expect(decodeProtectedHeader.length).toBe(1);
    await expectFailure(() => decodeProtectedHeader(f), 'ERR_JWS_INVALID', 'the JWS has no protected header');
  });

  it('alg: unknown names are never echoed; a name outside algorithms is named', async () => {
    await expectFailure(verifyCompact(hs('{"alg":"none"}'), SECRET), 'ERR_JWS_ALG_NOT_ALLOWED', 'the JWS alg is none or unsupported');
    await expectFailure(verifyCompact(hs('{"alg":"HS256"}'), SECRET, { algorithms: ['HS384'] }), 'ERR_JWS_ALG_NOT_ALLOWED', 'the JWS alg HS256 is not in algorithms');
    expect((await verifyCompact(hs('{"alg":"HS256"}'), SECRET, { algorithms: ['HS384', 'HS256'] })).payload).toEqual(enc('x'));
  });
});

describe('crit (RFC 7515 §4.1.11) and b64 (RFC 7797 §6): each refusal says what was wrong', () => {
  it.each([
    ['{"alg":"HS256","crit":[]}', 'must be a non-empty array'],
    ['{"alg":"HS256","crit":"urn:x","urn:x":1}', 'must be a non-empty array'],
    ['{"alg":"HS256","crit":["urn:x","urn:x"],"urn:x":1}', 'lists a name twice'],
    ['{"alg":"HS256","crit":[1]}', 'must list header names as strings'],
    ['{"alg":"HS256","crit":[""],"":1}', 'must list header names as strings'],
    ['{"alg":"HS256","crit":["urn:absent"]}', 'lists an absent member'],
    ['{"alg":"HS256","crit":["urn:x"],"urn:x":1}', 'lists an unknown extension'],
    ['{"alg":"HS256","crit":["b64"]}', 'lists an absent member'],
  ])('%s', async (header, what) => {
    // opts.crit understands every extension named in these headers, the empty name included.
    await expectFailure(verifyCompact(hs(header), SECRET, what === 'lists an unknown extension' ? undefined : { crit: { '': true, 'urn:x': true, 'urn:absent': true } }), 'ERR_JWS_CRIT_UNSUPPORTED', `"crit" ${what}`);
  });

  it('one name that is not a string among good ones is refused', async () => {
    await expectFailure(verifyCompact(hs('{"alg":"HS256","crit":["urn:x",null],"urn:x":1}'), SECRET, { crit: { 'urn:x': true } }), 'ERR_JWS_CRIT_UNSUPPORTED', '"crit" must list header names as strings');
  });

  it('every name registered by RFC 7515 §4.1 and RFC 7516/7518 is refused in crit, even when the caller claims it', async () => {
    // ("zip" too, but a zip header is refused before crit is read: DESIGN rule 4.)
    const names = ['alg', 'jku', 'jwk', 'kid', 'x5u', 'x5c', 'x5t', 'x5t#S256', 'typ', 'cty', 'crit', 'enc', 'epk', 'apu', 'apv', 'iv', 'tag', 'p2s', 'p2c'];
    for (const name of names) {
      const h: Record<string, unknown> = { alg: 'HS256', crit: [name] };
      if (!(name in h)) h[name] = name === 'kid' ? 'k' : 1;
      await expectFailure(verifyCompact(hs(JSON.stringify(h)), SECRET, { crit: { [name]: true } }), 'ERR_JWS_CRIT_UNSUPPORTED', '"crit" lists a registered header name');
    }
    // "b64" and other names are extensions, not registered.
    expect((await verifyCompact(hs('{"alg":"HS256","crit":["exp"],"exp":1}'), SECRET, { crit: { exp: true } })).payload).toEqual(enc('x'));
  });

  it('b64 without crit, and crit not listing b64', async () => {
    await expectFailure(verifyCompact(hs('{"alg":"HS256","b64":true}'), SECRET), 'ERR_JWS_CRIT_UNSUPPORTED', '"b64" must be listed in "crit"');
    await expectFailure(verifyCompact(hs('{"alg":"HS256","b64":true,"crit":["exp"],"exp":1}'), SECRET, { crit: { exp: true } }), 'ERR_JWS_CRIT_UNSUPPORTED', '"b64" must be listed in "crit"');
    // b64:true with crit ["b64"] is the ordinary base64url payload.
    expect((await verifyCompact(hs('{"alg":"HS256","b64":true,"crit":["b64"]}'), SECRET)).payload).toEqual(enc('x'));
  });

  it('a crit:true extension in the unprotected header is refused; crit:false allows it there', async () => {
    const f = flat('{"alg":"HS256","crit":["urn:x"]}', { 'urn:x': 1 });
    await expectFailure(verifyFlattened(f, SECRET, { crit: { 'urn:x': true } }), 'ERR_JWS_CRIT_UNSUPPORTED', '"crit" lists an unprotected member');
    expect((await verifyFlattened(f, SECRET, { crit: { 'urn:x': false } })).protectedHeader).toEqual({ alg: 'HS256', crit: ['urn:x'], 'urn:x': 1 });
  });
});

describe('JSON serializations (RFC 7515 §7.2)', () => {
  it('refusals say what was wrong', async () => {
    await expectFailure(verifyFlattened(5 as never, SECRET), 'ERR_JWS_INVALID', 'the flattened JWS must be a JSON string or an object');
    await expectFailure(verifyFlattened(null as never, SECRET), 'ERR_JWS_INVALID', 'the flattened JWS must be a JSON string or an object');
    await expectFailure(verifyGeneral([] as never, SECRET), 'ERR_JWS_INVALID', 'the general JWS must be a JSON string or an object');
    await expectFailure(verifyFlattened({ signatures: [] } as never, SECRET), 'ERR_JWS_INVALID', 'this is a general JWS: use verifyGeneral');
    await expectFailure(verifyFlattened({ protected: 1, payload: '', signature: '' } as never, SECRET), 'ERR_JWS_INVALID', 'the JWS "protected" member must be a string');
    await expectFailure(verifyFlattened({ header: [], payload: '', signature: '' } as never, SECRET), 'ERR_JWS_INVALID', 'the JWS "header" member must be a JSON object');
    await expectFailure(verifyFlattened({ protected: b64('{"alg":"HS256"}'), payload: '' } as never, SECRET), 'ERR_JWS_INVALID', 'the JWS "signature" member must be a string');
    await expectFailure(verifyFlattened({ ...flat('{"alg":"HS256"}'), payload: 5 } as never, SECRET), 'ERR_JWS_INVALID', 'the JWS "payload" must be a string');
    const noPayload: Record<string, unknown> = { ...flat('{"alg":"HS256"}') };
    delete noPayload.payload;
    await expectFailure(verifyFlattened(noPayload as never, SECRET), 'ERR_JWS_INVALID', 'the JWS has no payload and no detached payload was given');
    await expectFailure(verifyFlattened(flat('{"alg":"HS256"}') as never, SECRET, { payload: 'x' }), 'ERR_JWS_INVALID', 'the JWS has a payload, and a detached payload was given too');
    await expectFailure(verifyGeneral({ signatures: [] } as never, SECRET), 'ERR_JWS_INVALID', 'a general JWS has a non-empty "signatures" array');
    await expectFailure(verifyGeneral({ signatures: {} } as never, SECRET), 'ERR_JWS_INVALID', 'a general JWS has a non-empty "signatures" array');
    await expectFailure(verifyGeneral({ signatures: [5] } as never, SECRET), 'ERR_JWS_INVALID', 'a JWS signature must be a JSON object');
  });

  it('a general JWS has no top-level signature, protected or header member', async () => {
    const g = await signGeneral('x', [{ key: SECRET, alg: 'HS256' }]);
    const sig = g.signatures[0]!;
    for (const extra of [{ signature: sig.signature }, { protected: sig.protected }, { header: {} }]) {
      await expectFailure(verifyGeneral({ ...g, ...extra } as never, SECRET), 'ERR_JWS_INVALID', 'a general JWS has no top-level "signature", "protected" or "header" (RFC 7515 §7.2.1)');
    }
  });

  it('an empty payload member with a detached payload is the detached form (RFC 7515 Appendix F)', async () => {
    const d = await signFlattened('body', SECRET, { alg: 'HS256', detached: true });
    expect((await verifyFlattened({ ...d, payload: '' }, SECRET, { payload: 'body' })).payload).toEqual(enc('body'));
  });

  it('the size limit applies to the JSON text, inclusively', async () => {
    const f = await signFlattened('x', SECRET, { alg: 'HS256' });
    const text = JSON.stringify(f);
    expect((await verifyFlattened(text, SECRET, { maxBytes: text.length })).payload).toEqual(enc('x'));
    await expectFailure(verifyFlattened(text, SECRET, { maxBytes: text.length - 1 }), 'ERR_JWS_INVALID', `the flattened JWS is larger than maxBytes (${text.length - 1})`);
    await expectFailure(verifyFlattened(f, SECRET, { maxBytes: text.length - 1 }), 'ERR_JWS_INVALID', `the flattened JWS is larger than maxBytes (${text.length - 1})`);
  });

  it('verifyGeneral: all signatures must use the same b64', async () => {
    const a = await signFlattened('x', SECRET, { alg: 'HS256' });
    const b = await signFlattened('x', SECRET, { alg: 'HS256', b64: false });
    const mixed = { payload: a.payload, signatures: [{ protected: a.protected!, signature: a.signature }, { protected: b.protected!, signature: b.signature }] };
    await expectFailure(verifyGeneral(mixed, SECRET), 'ERR_JWS_INVALID', 'all signatures must use the same "b64" (RFC 7797 §3)');
  });

  it('verifyGeneral: a failed signature check wins over a refusal, whichever comes first; otherwise the first refusal', async () => {
    const other = new Uint8Array(32).fill(9);
    const g = await signGeneral('x', [
      { key: SECRET, alg: 'HS256' },
      { key: new Uint8Array(48).fill(4), alg: 'HS384' },
    ]);
    // HS256 fails its check (wrong secret); HS384 is refused for the key's length: the check wins.
    await expectFailure(verifyGeneral(g, other), 'ERR_JWS_SIGNATURE_INVALID', 'no JWS signature verifies');
    const reversed = { ...g, signatures: [g.signatures[1]!, g.signatures[0]!] };
    await expectFailure(verifyGeneral(reversed, other), 'ERR_JWS_SIGNATURE_INVALID', 'no JWS signature verifies');
    // Only refusals: the first one.
    const e = await rejection(verifyGeneral(g, other, { algorithms: ['ES256'] }));
    expect(e.message).toBe('the JWS alg HS256 is not in algorithms');
    const e2 = await rejection(verifyGeneral(reversed, other, { algorithms: ['ES256'] }));
    expect(e2.message).toBe('the JWS alg HS384 is not in algorithms');
    // A resolver's non-jwkit exception is converted; a thrown non-JwkitError from elsewhere is not swallowed.
    const r = await rejection(verifyGeneral(g, async () => { throw new RangeError('x'); }));
    expect(r.code).toBe('ERR_KEY_INVALID');
  });

  it('verifyGeneral returns the payload and header of the signature that verified', async () => {
    const g = await signGeneral('x', [
      { key: new Uint8Array(32).fill(1), alg: 'HS256', header: { kid: 'first' } },
      { key: SECRET, alg: 'HS256', header: { kid: 'second' } },
    ]);
    const r = await verifyGeneral(g, SECRET);
    expect(r).toMatchObject({ index: 1, protectedHeader: { alg: 'HS256', kid: 'second' }, payload: enc('x') });
  });
});

describe('decodeProtectedHeader: structure and size checks as the verifiers make them', () => {
  it('refusals say what was wrong', async () => {
    for (const bad of ['abc', 'a.b', 'a.b.c.d']) await expectFailure(() => decodeProtectedHeader(bad), 'ERR_JWS_INVALID', 'a compact JWS has exactly two dots (RFC 7515 §7.1)');
    await expectFailure(() => decodeProtectedHeader('a.b.c'), 'ERR_JWS_INVALID', 'the JWS protected header is not valid base64url');
    await expectFailure(() => decodeProtectedHeader(`${b64('{"typ":"x"}')}.a.b`), 'ERR_JWS_INVALID', 'the JWS protected header has no "alg" string');
    await expectFailure(() => decodeProtectedHeader({ signatures: [] }), 'ERR_JWS_INVALID', 'the JWS has no protected header');
    await expectFailure(() => decodeProtectedHeader({ signatures: [5] }), 'ERR_JWS_INVALID', 'the JWS has no protected header');
    await expectFailure(() => decodeProtectedHeader({ protected: 5 }), 'ERR_JWS_INVALID', 'the JWS has no protected header');
    await expectFailure(() => decodeProtectedHeader(5 as never), 'ERR_JWS_INVALID', 'the JWS must be a JSON string or an object');
  });

  it('a general JWS with a signatures member that is not an array is read as flattened', () => {
    expect(decodeProtectedHeader({ protected: b64('{"alg":"HS256"}'), signatures: 1 })).toEqual({ alg: 'HS256' });
    expect(decodeProtectedHeader({ signatures: [{ protected: b64('{"alg":"ES256"}') }, { protected: b64('{"alg":"HS256"}') }] })).toEqual({ alg: 'ES256' });
  });

  it('256 KiB is the bound for compact and JSON input, inclusively', async () => {
    const head = `${b64('{"alg":"HS256"}')}.`;
    const exact = `${head}${'a'.repeat(KiB256 - head.length - 2)}.a`;
    expect(exact.length).toBe(KiB256);
    expect(decodeProtectedHeader(exact)).toEqual({ alg: 'HS256' });
    await expectFailure(() => decodeProtectedHeader(`${exact}a`), 'ERR_JWS_INVALID', `the JWS is larger than ${KiB256} characters`);
    const json = { protected: b64('{"alg":"HS256"}'), payload: '', signature: '' };
    const base = JSON.stringify(json).length;
    const fits = { ...json, payload: 'a'.repeat(KiB256 - base) };
    expect(JSON.stringify(fits).length).toBe(KiB256);
    expect(decodeProtectedHeader(fits)).toEqual({ alg: 'HS256' });
    await expectFailure(() => decodeProtectedHeader({ ...fits, payload: `${fits.payload}a` }), 'ERR_JWS_INVALID', `the JWS is larger than maxBytes (${KiB256})`);
    await expectFailure(() => decodeProtectedHeader(JSON.stringify({ ...fits, payload: `${fits.payload}a` })), 'ERR_JWS_INVALID', `the JWS is larger than maxBytes (${KiB256})`);
  });
});

describe('signing options and headers: each refusal names what was wrong', () => {
  it.each([
    ['options null', () => signCompact('x', SECRET, null as never), 'sign options must be an object'],
    ['options a string', () => signCompact('x', SECRET, 'HS256' as never), 'sign options must be an object'],
    ['detached not a boolean', () => signCompact('x', SECRET, { alg: 'HS256', detached: 1 as never }), '"detached" must be a boolean'],
    ['b64 not a boolean', () => signCompact('x', SECRET, { alg: 'HS256', b64: 'false' as never }), '"b64" must be a boolean'],
    ['alg not a string', () => signCompact('x', SECRET, { alg: 256 as never }), '"alg" must be a string'],
    ['protectedHeader.alg not a string', () => signCompact('x', SECRET, { protectedHeader: { alg: 1 } }), 'protectedHeader.alg must be a string'],
    ['protectedHeader.alg differs', () => signCompact('x', SECRET, { alg: 'HS256', protectedHeader: { alg: 'HS384' } }), 'protectedHeader.alg differs from the alg option'],
    ['alg unprotected', () => signFlattened('x', SECRET, { alg: 'HS256', header: { alg: 'HS256' } }), '"alg" belongs in the protected header'],
    ['no alg from the key', () => signCompact('x', SECRET), 'pass an alg: this key does not determine one'],
    ['protectedHeader.b64 not a boolean', () => signCompact('x', SECRET, { alg: 'HS256', protectedHeader: { b64: 0 } }), 'protectedHeader.b64 must be a boolean'],
    ['protectedHeader.b64 differs', () => signCompact('x', SECRET, { alg: 'HS256', b64: true, protectedHeader: { b64: false } }), 'protectedHeader.b64 differs from the b64 option'],
    ['protectedHeader not an object', () => signCompact('x', SECRET, { alg: 'HS256', protectedHeader: 5 as never }), 'protectedHeader must be an object'],
    ['header not an object', () => signFlattened('x', SECRET, { alg: 'HS256', header: [] as never }), 'header must be an object'],
    ['compact with a header', () => signCompact('x', SECRET, { alg: 'HS256', header: { kid: 'a' } } as never), 'a compact JWS has no unprotected header'],
    ['payload a number', () => signCompact(5 as never, SECRET, { alg: 'HS256' }), 'the payload must be a Uint8Array or a string'],
    ['headers sharing a name', () => signFlattened('x', SECRET, { alg: 'HS256', protectedHeader: { typ: 'a' }, header: { typ: 'b' } }), 'the JWS headers share a member name'],
    ['zip', () => signCompact('x', SECRET, { alg: 'HS256', protectedHeader: { zip: 'DEF' } }), 'the JWS header "zip" is not supported'],
    ['kid not a string', () => signCompact('x', SECRET, { alg: 'HS256', protectedHeader: { kid: 1 } }), 'the JWS header "kid" must be a string'],
    ['b64 unprotected', () => signFlattened('x', SECRET, { alg: 'HS256', header: { b64: true } }), '"b64" must be in the JWS protected header'],
    ['unencoded payload not UTF-8', () => signFlattened(new Uint8Array([0xff]), SECRET, { alg: 'HS256', b64: false }), 'an unencoded (b64: false) payload is not valid UTF-8'],
    ['unencoded compact payload not UTF-8', () => signCompact(new Uint8Array([0xff]), SECRET, { alg: 'HS256', b64: false }), 'an unencoded (b64: false) payload is not valid UTF-8'],
    ['unencoded compact payload with a period', () => signCompact('a.b', SECRET, { alg: 'HS256', b64: false }), 'an unencoded compact payload must not contain "." (RFC 7797 §5.2); use detached'],
  ])('%s', async (_what, f, message) => {
    await expectFailure(f, 'ERR_JWS_INVALID', message);
  });

  it('unknown algs are refused by name, cut to 32 characters', async () => {
    await expectFailure(signCompact('x', SECRET, { alg: 'none' }), 'ERR_JWS_ALG_NOT_ALLOWED', 'cannot sign with alg "none"');
    await expectFailure(signCompact('x', SECRET, { alg: `${'A'.repeat(32)}BBBB` }), 'ERR_JWS_ALG_NOT_ALLOWED', `cannot sign with alg "${'A'.repeat(32)}"`);
  });

  it('options that cannot be read fail with the cause, named after the function', async () => {
    const boom = new Error('getter');
    const opts = { get alg(): never { throw boom; } };
    const e = await expectFailure(signCompact('x', SECRET, opts as never), 'ERR_JWS_INVALID', 'sign options could not be read');
    expect(e.cause).toBe(boom);
    const g = await expectFailure(signGeneral('x', [{ key: SECRET, alg: 'HS256' }], opts as never), 'ERR_JWS_INVALID', 'signGeneral options could not be read');
    expect(g.cause).toBe(boom);
    await expectFailure(signGeneral('x', [{ key: SECRET, alg: 'HS256' }], 5 as never), 'ERR_JWS_INVALID', 'signGeneral options must be an object');
  });

  it('a malformed crit is refused when signing, with the verifier messages', async () => {
    await expectFailure(signCompact('x', SECRET, { alg: 'HS256', protectedHeader: { crit: [] } }), 'ERR_JWS_CRIT_UNSUPPORTED', '"crit" must be a non-empty array');
    await expectFailure(signCompact('x', SECRET, { alg: 'HS256', protectedHeader: { crit: ['kid'], kid: 'a' } }), 'ERR_JWS_CRIT_UNSUPPORTED', '"crit" lists a registered header name');
    await expectFailure(signCompact('x', SECRET, { alg: 'HS256', protectedHeader: { crit: ['urn:x'] } }), 'ERR_JWS_CRIT_UNSUPPORTED', '"crit" lists an absent member');
    await expectFailure(signFlattened('x', SECRET, { alg: 'HS256', header: { crit: ['urn:x'], 'urn:x': 1 } }), 'ERR_JWS_CRIT_UNSUPPORTED', '"crit" must be in the JWS protected header');
  });

  it('a signer may use any extension in crit, protected or (RFC 7515 §4.1.11: the JOSE Header) unprotected', async () => {
    const t = await signCompact('x', SECRET, { alg: 'HS256', protectedHeader: { crit: ['urn:x'], 'urn:x': 1 } });
    expect(decodeProtectedHeader(t)).toEqual({ alg: 'HS256', crit: ['urn:x'], 'urn:x': 1 });
    const f = await signFlattened('x', SECRET, { alg: 'HS256', protectedHeader: { crit: ['urn:x'] }, header: { 'urn:x': 1 } });
    expect(f.header).toEqual({ 'urn:x': 1 });
    expect((await verifyFlattened(f, SECRET, { crit: { 'urn:x': false } })).protectedHeader['urn:x']).toBe(1);
  });

  it('the protected header is alg, the JWK kid, then the caller members in order; b64 adds itself to crit', async () => {
    const jwk = { ...SECRET_JWK, kid: 'k1' };
    const text = (t: string) => new TextDecoder().decode(decode(t.split('.')[0]!));
    expect(text(await signCompact('x', jwk, { alg: 'HS256', protectedHeader: { typ: 'T', cty: 'C' } }))).toBe('{"alg":"HS256","kid":"k1","typ":"T","cty":"C"}');
    expect(text(await signCompact('x', jwk, { protectedHeader: { typ: 'T', alg: 'HS256' } }))).toBe('{"alg":"HS256","kid":"k1","typ":"T"}');
    expect(text(await signCompact('x', jwk, { alg: 'HS256', protectedHeader: { kid: 'mine' } }))).toBe('{"alg":"HS256","kid":"mine"}');
    expect(text(await signCompact('x', jwk, { alg: 'HS256', protectedHeader: { typ: 'T', kid: 'mine' } }))).toBe('{"alg":"HS256","typ":"T","kid":"mine"}');
    const f = await signFlattened('x', jwk, { alg: 'HS256', header: { kid: 'unprotected' } });
    expect(new TextDecoder().decode(decode(f.protected!))).toBe('{"alg":"HS256"}');
    expect(f.header).toEqual({ kid: 'unprotected' });
    // RFC 7797: b64 true in the protected header is kept and listed in crit; crit gains b64 once.
    expect(text(await signCompact('x', SECRET, { alg: 'HS256', protectedHeader: { b64: true } }))).toBe('{"alg":"HS256","b64":true,"crit":["b64"]}');
    expect(text(await signCompact('x', SECRET, { alg: 'HS256', b64: true, protectedHeader: { b64: true, crit: ['b64'] } }))).toBe('{"alg":"HS256","b64":true,"crit":["b64"]}');
    expect(text(await signCompact('x', SECRET, { alg: 'HS256', b64: false, detached: true, protectedHeader: { crit: ['b64'] } }))).toBe('{"alg":"HS256","crit":["b64"],"b64":false}');
    expect(text(await signCompact('x', SECRET, { alg: 'HS256', b64: true }))).toBe('{"alg":"HS256"}');
    expect(text(await signCompact('x', SECRET, { alg: 'HS256', protectedHeader: { b64: false } }))).toBe('{"alg":"HS256","b64":false,"crit":["b64"]}');
    await expectFailure(signCompact('x', SECRET, { alg: 'HS256', b64: false, protectedHeader: { crit: 'b64' } }), 'ERR_JWS_CRIT_UNSUPPORTED', '"crit" must be a non-empty array');
    await expectFailure(signCompact('x', SECRET, { alg: 'HS256', b64: false, protectedHeader: { crit: 5 } }), 'ERR_JWS_CRIT_UNSUPPORTED', '"crit" must be a non-empty array');
  });

  it('b64:true and b64:false payloads round-trip in every serialization', async () => {
    const t = await signCompact('x', SECRET, { alg: 'HS256', protectedHeader: { b64: true } });
    expect(t.split('.')[1]).toBe(b64('x'));
    expect((await verifyCompact(t, SECRET)).payload).toEqual(enc('x'));
    const u = await signCompact('$x', SECRET, { alg: 'HS256', b64: false });
    expect(u.split('.')[1]).toBe('$x');
    expect((await verifyCompact(u, SECRET)).payload).toEqual(enc('$x'));
    const f = await signFlattened('$.x', SECRET, { alg: 'HS256', b64: false });
    expect(f.payload).toBe('$.x');
    expect('header' in f).toBe(false);
    expect((await verifyFlattened(f, SECRET)).payload).toEqual(enc('$.x'));
    const d = await signCompact('$.x', SECRET, { alg: 'HS256', b64: false, detached: true });
    expect(d.split('.')[1]).toBe('');
    expect((await verifyCompact(d, SECRET, { payload: '$.x' })).payload).toEqual(enc('$.x'));
    const gd = await signGeneral(enc('$.x'), [{ key: SECRET, alg: 'HS256' }], { b64: false, detached: true });
    expect('payload' in gd).toBe(false);
    expect((await verifyGeneral(gd, SECRET, { payload: '$.x' })).payload).toEqual(enc('$.x'));
    const g = await signGeneral('$.x', [{ key: SECRET, alg: 'HS256' }], { b64: false });
    expect(g.payload).toBe('$.x');
    expect('header' in g.signatures[0]!).toBe(false);
    expect((await verifyGeneral(g, SECRET)).payload).toEqual(enc('$.x'));
    // The signing input of an unencoded payload is the header, a period and the payload octets (RFC 7797 §3).
    const input = `${u.split('.')[0]}.$x`;
    expect(u.split('.')[2]).toBe(mac(input));
  });
});

describe('signGeneral', () => {
  it('refusals say what was wrong', async () => {
    await expectFailure(signGeneral('x', []), 'ERR_JWS_INVALID', 'signGeneral needs a non-empty array of signers');
    await expectFailure(signGeneral('x', {} as never), 'ERR_JWS_INVALID', 'signGeneral needs a non-empty array of signers');
    await expectFailure(signGeneral('x', [null] as never), 'ERR_JWS_INVALID', 'each signer must be an object');
    await expectFailure(signGeneral('x', ['k'] as never), 'ERR_JWS_INVALID', 'each signer must be an object');
    await expectFailure(signGeneral('x', [{ key: SECRET, alg: 'HS256' }, { key: SECRET, alg: 'HS256', protectedHeader: { b64: false } }]), 'ERR_JWS_INVALID', 'all signers must agree on "b64" (RFC 7797 §3)');
    const boom = new Error('getter');
    const e = await expectFailure(signGeneral('x', [{ get key(): never { throw boom; } }] as never), 'ERR_JWS_INVALID', 'a signer could not be read');
    expect(e.cause).toBe(boom);
  });

  it('the common b64 and detached options apply to every signer; each signer keeps its own headers', async () => {
    const g = await signGeneral('$x', [
      { key: SECRET, alg: 'HS256', protectedHeader: { typ: 'a' }, header: { kid: 'one' } },
      { key: es256.privateJwk, alg: 'ES256' },
    ], { b64: false });
    expect(g.payload).toBe('$x');
    expect(g.signatures.map((s) => decodeProtectedHeader({ protected: s.protected }))).toEqual([
      { alg: 'HS256', typ: 'a', b64: false, crit: ['b64'] },
      { alg: 'ES256', kid: es256.privateJwk.kid, b64: false, crit: ['b64'] },
    ]);
    expect(g.signatures[0]!.header).toEqual({ kid: 'one' });
    expect('header' in g.signatures[1]!).toBe(false);
    expect((await verifyGeneral(g, es256.publicJwk)).index).toBe(1);
  });
});

describe('keys (DESIGN rules 1 and 7)', () => {
  it('refusals name the key and the alg', async () => {
    await expectFailure(verifyCompact(hs('{"alg":"HS256"}'), 'secret' as never), 'ERR_KEY_INVALID', 'a string is never a key');
    await expectFailure(verifyCompact(hs('{"alg":"HS256"}'), null as never), 'ERR_KEY_INVALID', 'the key must be a JWK, a CryptoKey or a Uint8Array');
    await expectFailure(signCompact('x', null as never, { alg: 'HS256' }), 'ERR_KEY_INVALID', 'the key must be a JWK, a CryptoKey or a Uint8Array');
    // A function is a resolver at the verifier and never a key when signing, whatever members it carries.
    const fnKey = Object.assign(() => SECRET_JWK, SECRET_JWK);
    await expectFailure(signCompact('x', fnKey as never, { alg: 'HS256' }), 'ERR_KEY_INVALID', 'the key must be a JWK, a CryptoKey or a Uint8Array');
    await expectFailure(signCompact('x', fnKey as never), 'ERR_JWS_INVALID', 'pass an alg: this key does not determine one');
    await expectFailure(verifyCompact(hs('{"alg":"HS256"}'), { k: 'x' } as never), 'ERR_KEY_INVALID', 'the key must be a JWK, a CryptoKey or a Uint8Array');
    await expectFailure(verifyCompact(hs('{"alg":"HS256"}'), rsa.publicJwk), 'ERR_JWS_ALG_NOT_ALLOWED', 'the RSA key does not allow HS256');
    const es = await signCompact('x', es256.privateJwk);
    await expectFailure(verifyCompact(es, SECRET), 'ERR_JWS_ALG_NOT_ALLOWED', 'the Uint8Array (HMAC) key does not allow ES256');
    const ck = await importJwk(es256.publicJwk, 'ES256');
    await expectFailure(verifyCompact(hs('{"alg":"HS256"}'), ck), 'ERR_JWS_ALG_NOT_ALLOWED', 'the ECDSA key does not allow HS256');
    await expectFailure(signCompact('x', ck), 'ERR_KEY_INVALID', 'signing needs a private key');
    const priv = await importJwk(es256.privateJwk, 'ES256');
    await expectFailure(verifyCompact(es, priv), 'ERR_KEY_INVALID', 'verification needs a public key');
    const noVerify = await crypto.subtle.importKey('raw', SECRET, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    await expectFailure(verifyCompact(hs('{"alg":"HS256"}'), noVerify), 'ERR_KEY_INVALID', 'the key\'s usages do not include "verify"');
    const noSign = await crypto.subtle.importKey('raw', SECRET, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
    await expectFailure(signCompact('x', noSign), 'ERR_KEY_INVALID', 'the key\'s usages do not include "sign"');
    expect((await verifyCompact(hs('{"alg":"HS256"}'), noSign)).payload).toEqual(enc('x'));
    // A key that may not verify at all is refused for that before its strength is judged.
    const shortNoVerify = await crypto.subtle.importKey('raw', new Uint8Array(16).fill(7), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    await expectFailure(verifyCompact(hs('{"alg":"HS256"}'), shortNoVerify), 'ERR_KEY_INVALID', 'the key\'s usages do not include "verify"');
  });

  it('a CryptoKey is checked for each alg and operation it is used with, not only the first', async () => {
    const pub = await importJwk(rsa.publicJwk, 'RS256');
    const t = await signCompact('x', rsa.privateJwk, { alg: 'RS256' });
    expect((await verifyCompact(t, pub)).payload).toEqual(enc('x'));
    await expectFailure(signCompact('x', pub, { alg: 'RS256' }), 'ERR_KEY_INVALID', 'signing needs a private key');
    const ps = await signCompact('x', { ...rsa.privateJwk, alg: 'PS256' }, { alg: 'PS256' });
    await expectFailure(verifyCompact(ps, pub), 'ERR_JWS_ALG_NOT_ALLOWED', 'the RSASSA-PKCS1-v1_5 key does not allow PS256');
    const hmac = await crypto.subtle.importKey('raw', SECRET, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    expect(typeof (await signCompact('x', hmac))).toBe('string');
    await expectFailure(verifyCompact(hs('{"alg":"HS256"}'), hmac), 'ERR_KEY_INVALID', 'the key\'s usages do not include "verify"');
  });

  it('JWK members the policy reads must be strings; a JWK that cannot be read is ERR_KEY_INVALID with the cause', async () => {
    const t = hs('{"alg":"HS256"}');
    await expectFailure(verifyCompact(t, { ...SECRET_JWK, alg: 5 } as never), 'ERR_JWK_INVALID', 'JWK "alg" and "crv" must be strings');
    await expectFailure(verifyCompact(t, { ...SECRET_JWK, crv: 5 } as never), 'ERR_JWK_INVALID', 'JWK "alg" and "crv" must be strings');
    await expectFailure(signCompact('x', { ...SECRET_JWK, alg: 5 } as never, { alg: 'HS256' }), 'ERR_JWK_INVALID', 'JWK "alg" and "crv" must be strings');
    const boom = new Error('getter');
    const e = await expectFailure(verifyCompact(t, { kty: 'oct', get alg(): never { throw boom; } } as never), 'ERR_KEY_INVALID', 'the key could not be read');
    expect(e.cause).toBe(boom);
  });

  it('signing without alg: an Ed25519 CryptoKey signs EdDSA (RFC 8037), a single-alg CryptoKey its alg', async () => {
    const ed = await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify']) as CryptoKeyPair;
    const t = await signCompact('x', ed.privateKey);
    expect(decodeProtectedHeader(t)).toEqual({ alg: 'EdDSA' });
    expect((await verifyCompact(t, ed.publicKey)).payload).toEqual(enc('x'));
    const ec = await importJwk(es256.privateJwk, 'ES256');
    expect(decodeProtectedHeader(await signCompact('x', ec))).toEqual({ alg: 'ES256' });
    const aes = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 128 }, false, ['encrypt']);
    await expectFailure(signCompact('x', aes), 'ERR_JWS_INVALID', 'pass an alg: this key does not determine one');
  });

  describe('bytes that are a key file are never an HMAC secret (CVE-2022-23541, CVE-2023-48223)', () => {
    let pem: string;
    beforeAll(async () => {
      const spki = new Uint8Array(await crypto.subtle.exportKey('spki', await importJwk(rsa.publicJwk, 'RS256')));
      pem = `-----BEGIN PUBLIC KEY-----\n${Buffer.from(spki).toString('base64')}\n-----END PUBLIC KEY-----\n`;
    });
    const refused = async (bytes: Uint8Array) => {
      const t = hs('{"alg":"HS256"}', b64('x'), bytes);
      await expectFailure(verifyCompact(t, bytes), 'ERR_KEY_INVALID', 'these bytes are a key file (PEM, DER or JWK), not an HMAC secret');
    };
    const accepted = async (bytes: Uint8Array) => {
      const t = hs('{"alg":"HS256"}', b64('x'), bytes);
      expect((await verifyCompact(t, bytes)).payload).toEqual(enc('x'));
    };

    it('PEM after any leading whitespace (SP, HTAB, LF, CR)', async () => {
      for (const ws of ['', ' ', '\t', '\n', '\r', ' \t\r\n']) await refused(enc(`${ws}${pem}`));
      await accepted(enc(`\v${pem}`)); // VT is not JSON/PEM whitespace: an ordinary secret
      await accepted(enc(`x${pem}`));
    });

    it('after a UTF-8 byte order mark (a text file saved by some Windows editors) too', async () => {
      const bom = (text: string, mark = [0xef, 0xbb, 0xbf]) => new Uint8Array([...mark, ...enc(text)]);
      await refused(bom(pem));
      await refused(bom(`\r\n${pem}`));
      await refused(bom(JSON.stringify(rsa.publicJwk)));
      await refused(bom(` ${JSON.stringify(rsa.publicJwk)}`));
      // Only the whole three-byte mark is skipped.
      for (const mark of [[0x41, 0xbb, 0xbf], [0xef, 0x41, 0xbf], [0xef, 0xbb, 0x41], [0xef, 0xbb]]) await accepted(bom(pem, mark));
      await accepted(bom('{"a":"0123456789abcdef0123456789abcdef"}'));
    });

    it('JWK JSON (with kty) after whitespace; other JSON or broken text is an ordinary secret', async () => {
      await refused(enc(`  ${JSON.stringify(rsa.publicJwk)}`));
      await refused(enc('{"kty":"oct","k":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}'));
      await accepted(enc('{"a":"0123456789abcdef0123456789abcdef"}'));
      await accepted(enc('{not json at all, 0123456789abcdef0123456789}'));
      await accepted(new Uint8Array([0x7b, ...new Array(40).fill(0xff)]));
    });

    it('DER: one SEQUENCE spanning every byte that opens with a SEQUENCE or INTEGER', async () => {
      const der = (len: number[], first: number, total: number) => {
        const b = new Uint8Array(total).fill(0x41);
        b.set([0x30, ...len, first]);
        return b;
      };
      await refused(der([30], 0x30, 32));
      await refused(der([30], 0x02, 32));
      await accepted(der([30], 0x05, 32));
      await accepted(der([30], 0x31, 32));
      await accepted(der([31], 0x30, 32)); // the length says 33 bytes
      await accepted(der([29], 0x30, 32));
      await refused(der([0x81, 31], 0x30, 34));
      await refused(der([0x82, 0x01, 0x00], 0x02, 260));
      await accepted(der([0x82, 0x01, 0x00], 0x02, 261));
      await refused(der([0x83, 0x01, 0x00, 0x00], 0x30, 65536 + 5));
      await accepted(der([0x84, 0x00, 0x00, 0x00, 34], 0x30, 40)); // more than 3 length octets: not a key file
      await accepted(der([0x80], 0x30, 32)); // indefinite length
      const notSeq = der([30], 0x30, 32);
      notSeq[0] = 0x31;
      await accepted(notSeq);
    });
  });
});

describe('ECDSA and exact signature lengths are checked before any key is resolved (DESIGN rule 3)', () => {
  const N256 = 'ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551';
  const hex = (h: string) => Uint8Array.from(h.match(/../g)!.map((x) => parseInt(x, 16)));
  const minus1 = (b: Uint8Array) => {
    const out = b.slice();
    for (let i = out.length - 1; i >= 0; i--) {
      if (out[i]! > 0) {
        out[i]!--;
        break;
      }
      out[i] = 0xff;
    }
    return out;
  };
  /** Whether the resolver was reached: the precheck passed. */
  async function reached(t: string): Promise<boolean> {
    let called = false;
    const e = await rejection(verifyCompact(t, async () => {
      called = true;
      return es256.publicJwk;
    }));
    expect(e.code).toBe('ERR_JWS_SIGNATURE_INVALID');
    return called;
  }
  const es = (sig: Uint8Array) => `${b64('{"alg":"ES256"}')}.${b64('x')}.${b64(sig)}`;

  it('r and s in [1, n-1]: the bounds themselves pass the precheck, 0 and n do not', async () => {
    const n = hex(N256);
    const one = new Uint8Array(32);
    one[31] = 1;
    const nm1 = minus1(n);
    const cat = (a: Uint8Array, b: Uint8Array) => new Uint8Array([...a, ...b]);
    expect(await reached(es(cat(one, one)))).toBe(true);
    expect(await reached(es(cat(nm1, nm1)))).toBe(true);
    expect(await reached(es(cat(nm1, one)))).toBe(true);
    // One byte below n at the first byte that differs, the rest 0xff: still below n.
    // Equal to n up to byte 16, which is lower; every later byte 0xff: still below n.
    const below = n.slice();
    below[16] = 0xbb;
    expect(await reached(es(cat(one, below.fill(0xff, 17))))).toBe(true);
    expect(await reached(es(cat(n, one)))).toBe(false);
    expect(await reached(es(cat(one, n)))).toBe(false);
    expect(await reached(es(cat(new Uint8Array(32), one)))).toBe(false);
    expect(await reached(es(cat(one, new Uint8Array(32))))).toBe(false);
    expect(await reached(es(cat(new Uint8Array(32), nm1)))).toBe(false);
    const above = n.slice();
    above[31] = 0x52;
    expect(await reached(es(cat(one, above)))).toBe(false);
    // Above n at the first byte that differs (byte 4), every later byte 0: still above n.
    const aboveEarly = n.slice();
    aboveEarly[4] = 0x01;
    aboveEarly.fill(0, 5);
    expect(await reached(es(cat(aboveEarly, one)))).toBe(false);
    expect(await reached(es(cat(cat(one, one), new Uint8Array([1]))))).toBe(false);
  });

  it('HMAC and Ed25519 signatures of the wrong length are refused before the resolver', async () => {
    let called = 0;
    const resolver = async () => (called++, SECRET_JWK);
    const t = hs('{"alg":"HS256"}');
    const [p, pl] = t.split('.');
    await expectFailure(verifyCompact(`${p}.${pl}.${b64(new Uint8Array(31))}`, resolver), 'ERR_JWS_SIGNATURE_INVALID', 'the JWS signature does not verify');
    const ed = `${b64('{"alg":"Ed25519"}')}.${b64('x')}.${b64(new Uint8Array(63))}`;
    await expectFailure(verifyCompact(ed, resolver), 'ERR_JWS_SIGNATURE_INVALID', 'the JWS signature does not verify');
    expect(called).toBe(0);
  });

  it('EdDSA (RFC 8037) takes the curve from the key: a 114-byte (Ed448-sized) signature reaches the key', async () => {
    let called = 0;
    const ed = await generateKeyPair('EdDSA');
    const t = `${b64('{"alg":"EdDSA"}')}.${b64('x')}.${b64(new Uint8Array(114).fill(1))}`;
    const e = await rejection(verifyCompact(t, async () => (called++, ed.publicJwk)));
    expect(e.code).toBe('ERR_JWS_SIGNATURE_INVALID');
    expect(called).toBe(1);
  });
});

describe('resolvers and candidates', () => {
  it('a failing resolver is ERR_KEY_INVALID with the cause; a resolver returning no key says so', async () => {
    const t = hs('{"alg":"HS256"}');
    const boom = new TypeError('boom');
    const e = await expectFailure(verifyCompact(t, async () => { throw boom; }), 'ERR_KEY_INVALID', 'the key resolver failed');
    expect(e.cause).toBe(boom);
    await expectFailure(verifyCompact(t, async () => null as never), 'ERR_KEY_INVALID', 'the key resolver returned no usable key (a JWK or a CryptoKey)');
    await expectFailure(verifyCompact(t, async () => ({ kty: 5 }) as never), 'ERR_KEY_INVALID', 'the key resolver returned no usable key (a JWK or a CryptoKey)');
  });

  it('a JwkitError by code with candidates (another copy of the package) has them tried; at most 3', async () => {
    const t = hs('{"alg":"HS256"}');
    const other = { kty: 'oct', k: encode(new Uint8Array(32).fill(2)) };
    const shaped = (c: unknown[]) => async () => {
      throw Object.assign(new JwkitError('ERR_JWKS_MULTIPLE_MATCHING_KEYS', 'several'), { candidates: c });
    };
    expect((await verifyCompact(t, shaped([other, SECRET_JWK]))).payload).toEqual(enc('x'));
    expect((await verifyCompact(t, shaped([other, other, SECRET_JWK]))).payload).toEqual(enc('x'));
    expect((await rejection(verifyCompact(t, shaped([other, other, other, SECRET_JWK])))).code).toBe('ERR_JWKS_MULTIPLE_MATCHING_KEYS');
    expect((await rejection(verifyCompact(t, shaped([])))).code).toBe('ERR_JWKS_MULTIPLE_MATCHING_KEYS');
    expect((await rejection(verifyCompact(t, async () => { throw new JwkitError('ERR_JWKS_MULTIPLE_MATCHING_KEYS', 'several'); }))).code).toBe('ERR_JWKS_MULTIPLE_MATCHING_KEYS');
    // Candidates that are not keys are skipped without being called or read.
    let called = false;
    const fn = () => {
      called = true;
      return SECRET_JWK;
    };
    const e = await expectFailure(verifyCompact(t, async () => { throw new JwksMultipleMatchingKeysError('several', [fn, 'k', other]); }), 'ERR_JWS_SIGNATURE_INVALID', 'the JWS signature does not verify');
    expect(e.code).toBe('ERR_JWS_SIGNATURE_INVALID');
    expect(called).toBe(false);
    // Bytes are never a candidate key (DESIGN rule 7: a resolver's bytes are not a secret), even the right ones.
    await expectFailure(verifyCompact(t, async () => { throw new JwksMultipleMatchingKeysError('several', [SECRET]); }), 'ERR_JWS_SIGNATURE_INVALID', 'the JWS signature does not verify');
    // Candidates ride only on ERR_JWKS_MULTIPLE_MATCHING_KEYS.
    const noMatch = Object.assign(new JwkitError('ERR_JWKS_NO_MATCHING_KEY', 'none'), { candidates: [SECRET_JWK] });
    expect(await rejection(verifyCompact(t, async () => { throw noMatch; }))).toBe(noMatch);
  });

  it('resolvers see the JWS as sent: empty payload when detached, no protected or header member that was absent', async () => {
    const seen: unknown[] = [];
    const resolver = async (_h: unknown, j: unknown) => (seen.push(j), SECRET_JWK);
    const d = await signCompact('body', SECRET, { alg: 'HS256', detached: true });
    await verifyCompact(d, resolver, { payload: 'body' });
    const u = await signCompact('b.dy', SECRET, { alg: 'HS256', detached: true, b64: false });
    await verifyCompact(u, resolver, { payload: 'b.dy' });
    const [dp, , ds] = d.split('.');
    const [up, , us] = u.split('.');
    expect(seen).toEqual([{ protected: dp, payload: '', signature: ds }, { protected: up, payload: '', signature: us }]);
    seen.length = 0;
    const noProt = flat(undefined, { alg: 'HS256' });
    await verifyFlattened(noProt, resolver);
    const noHeader = await signFlattened('x', SECRET, { alg: 'HS256' });
    await verifyFlattened(noHeader, resolver);
    await verifyGeneral({ payload: noHeader.payload, signatures: [{ protected: noHeader.protected!, signature: noHeader.signature }] }, resolver);
    expect(seen.map((j) => Object.keys(j as object).sort())).toEqual([['header', 'payload', 'signature'], ['payload', 'protected', 'signature'], ['payload', 'protected', 'signature']]);
    expect(seen[0]).toEqual(noProt);
    expect(seen[1]).toEqual(noHeader);
  });
});

describe('signJwt signs through the same alg, header and key rules', () => {
  it('header order, the JWK kid, alg from the key, and the refusals of signCompact', async () => {
    const text = (t: string) => new TextDecoder().decode(decode(t.split('.')[0]!));
    const jwk = { ...SECRET_JWK, kid: 'k1', alg: 'HS256' };
    const t = await signJwt({ sub: 'a' }, jwk, { issuedAt: false });
    expect(text(t)).toBe('{"alg":"HS256","kid":"k1","typ":"JWT"}');
    expect((await verifyCompact(t, jwk)).payload).toEqual(enc('{"sub":"a"}'));
    expect(text(await signJwt({}, jwk, { issuedAt: false, kid: 'mine' }))).toBe('{"alg":"HS256","typ":"JWT","kid":"mine"}');
    const es = await signJwt({}, es256.privateJwk, { issuedAt: false });
    expect(text(es)).toMatch(/^\{"alg":"ES256","kid":"[^"]+","typ":"JWT"\}$/);
    expect(decode(es.split('.')[2]!).length).toBe(64);
    await expectFailure(signJwt({}, SECRET, { alg: 5 } as never), 'ERR_JWS_INVALID', '"alg" must be a string');
    await expectFailure(signJwt({}, SECRET), 'ERR_JWS_INVALID', 'pass an alg: this key does not determine one');
    await expectFailure(signJwt({}, SECRET, { alg: 'none' }), 'ERR_JWS_ALG_NOT_ALLOWED', 'cannot sign with alg "none"');
    const ck = await importJwk(SECRET_JWK, 'HS256');
    const viaKey = await signJwt({}, ck, { issuedAt: false });
    expect(text(viaKey)).toBe('{"alg":"HS256","typ":"JWT"}');
    expect(viaKey).toBe(await signJwt({}, SECRET, { alg: 'HS256', issuedAt: false }));
  });
});

describe('supportedAlgorithms', () => {
  it('lists every registry alg this runtime can run, in registry order', async () => {
    const list = await supportedAlgorithms();
    const base = ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];
    expect(list.slice(0, base.length)).toEqual(base);
    const can = async (name: string) => crypto.subtle.generateKey({ name } as never, false, ['sign']).then(() => true, () => false);
    const optional = ['Ed448', 'ML-DSA-44', 'ML-DSA-65', 'ML-DSA-87'];
    const expected = [...base];
    for (const alg of optional) if (await can(alg)) expected.push(alg);
    expect(list).toEqual(expected);
  });
});
