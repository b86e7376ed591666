// jwkit benchmarks (issue 8 point 2): `npm run bench` builds the package and
// runs this file. One process; every case is measured with mitata in
// BENCH_RUNS rounds (default 5, round-robin so noise spreads evenly) and the
// median ops/s is reported. Each jwkit operation runs on both builds — the
// Node build (dist/node, node:crypto backend) and the WebCrypto build (dist/)
// — beside jose 6, fast-jwt and the floors: crypto.subtle.sign/verify and
// node:crypto sign/verify on the same signing input.
//
// Environment: BENCH_RUNS (rounds), BENCH_TIME_MS (min CPU time per case and
// round, default 200), BENCH_FILTER (regex on "group alg op impl"),
// BENCH_OUT (directory for results.json / results.md, default bench/),
// BENCH_DIST (the built package to load, default dist/).
import { measure, do_not_optimize } from 'mitata';
import * as nodeCrypto from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import * as jose from 'jose';
import { createSigner, createVerifier } from 'fast-jwt';

const root = new URL('../', import.meta.url);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TIME_NS = Number(process.env.BENCH_TIME_MS ?? 200) * 1e6;
const FILTER = process.env.BENCH_FILTER ? new RegExp(process.env.BENCH_FILTER) : undefined;
const OUT = new URL(process.env.BENCH_OUT ? `${process.env.BENCH_OUT.replace(/\/?$/, '/')}` : 'bench/', root);
const subtle = globalThis.crypto.subtle;
const DIST = process.env.BENCH_DIST ? pathToFileURL(process.env.BENCH_DIST.replace(/\/?$/, '/')) : new URL('dist/', root);

if (!existsSync(new URL('node/jwt/index.js', DIST))) {
  console.error('bench: dist/ and dist/node/ are missing; run `npm run build` (npm run bench does)');
  process.exit(1);
}

/** Both jwkit builds, loaded by path so one process holds both. */
async function loadBuild(dir) {
  const m = {};
  for (const sub of ['jwk', 'jws', 'jwt', 'jwks', 'base64url']) Object.assign(m, await import(new URL(`${dir}${sub}/index.js`, DIST)));
  return m;
}
const builds = { node: await loadBuild('node/'), webcrypto: await loadBuild('') };
const missing = ['signCompact', 'verifyCompact', 'signJwt', 'verifyJwt', 'importJwk', 'thumbprint', 'createLocalJwks', 'createRemoteJwks', 'encode', 'decode']
  .filter((n) => typeof builds.node[n] !== 'function');
if (missing.length) console.warn(`bench: jwkit does not export ${missing.join(', ')} yet; those rows are skipped`);

// ---------------------------------------------------------------------------
// Keys, tokens and signing inputs (the same for every library).

const ISS = 'https://issuer.example';
const AUD = 'api://bench';
const now = Math.floor(Date.now() / 1000);
const CLAIMS = { sub: 'user-1234', scope: 'read write', iss: ISS, aud: AUD, iat: now, exp: now + 3600 };
const SIGN_CLAIMS = { sub: 'user-1234', scope: 'read write' };
const PAYLOAD = new TextEncoder().encode(JSON.stringify(CLAIMS));

const ALGS = ['HS256', 'RS256', 'PS256', 'ES256', 'EdDSA'];
const NODE_HASH = { HS256: 'sha256', RS256: 'sha256', PS256: 'sha256', ES256: 'sha256', EdDSA: null };
const SUBTLE_PARAMS = {
  HS256: { import: { name: 'HMAC', hash: 'SHA-256' }, sign: { name: 'HMAC' } },
  RS256: { import: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, sign: { name: 'RSASSA-PKCS1-v1_5' } },
  PS256: { import: { name: 'RSA-PSS', hash: 'SHA-256' }, sign: { name: 'RSA-PSS', saltLength: 32 } },
  ES256: { import: { name: 'ECDSA', namedCurve: 'P-256' }, sign: { name: 'ECDSA', hash: 'SHA-256' } },
  EdDSA: { import: { name: 'Ed25519' }, sign: { name: 'Ed25519' } },
};

function keyMaterial(alg) {
  if (alg === 'HS256') {
    const secret = nodeCrypto.randomBytes(32);
    const jwk = { kty: 'oct', k: secret.toString('base64url'), alg };
    return { alg, privateJwk: jwk, publicJwk: jwk, fastSign: secret, fastVerify: secret, nodeSign: nodeCrypto.createSecretKey(secret) };
  }
  const pair =
    alg === 'ES256' ? nodeCrypto.generateKeyPairSync('ec', { namedCurve: 'P-256' })
    : alg === 'EdDSA' ? nodeCrypto.generateKeyPairSync('ed25519')
    : nodeCrypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    alg,
    privateJwk: { ...pair.privateKey.export({ format: 'jwk' }), alg },
    publicJwk: { ...pair.publicKey.export({ format: 'jwk' }), alg, kid: `${alg}-key` },
    fastSign: pair.privateKey.export({ format: 'pem', type: 'pkcs8' }),
    fastVerify: pair.publicKey.export({ format: 'pem', type: 'spki' }),
    nodeSign: pair.privateKey,
    nodeVerify: pair.publicKey,
  };
}

const setups = {};
for (const alg of ALGS) {
  const k = keyMaterial(alg);
  const secret = alg === 'HS256';
  const pub = secret ? k.privateJwk : k.publicJwk;
  const jwkOnly = (j) => Object.fromEntries(Object.entries(j).filter(([m]) => !['alg', 'kid'].includes(m)));
  const subtleSign = await subtle.importKey('jwk', jwkOnly(k.privateJwk), SUBTLE_PARAMS[alg].import, false, ['sign']);
  const subtleVerify = await subtle.importKey('jwk', jwkOnly(pub), SUBTLE_PARAMS[alg].import, false, ['verify']);
  const joseSign = await jose.importJWK(k.privateJwk, alg);
  const joseVerify = await jose.importJWK(pub, alg);
  // One token per alg, signed by jose, verified by everyone; one with a kid for the JWKS rows.
  const token = await new jose.SignJWT(CLAIMS).setProtectedHeader({ alg, typ: 'JWT' }).sign(joseSign);
  const tokenKid = await new jose.SignJWT(CLAIMS).setProtectedHeader({ alg, typ: 'JWT', kid: `${alg}-key` }).sign(joseSign);
  const [h, p, s] = token.split('.');
  const input = new TextEncoder().encode(`${h}.${p}`);
  const sig = new Uint8Array(Buffer.from(s, 'base64url'));
  const jwkit = {};
  for (const [name, b] of Object.entries(builds)) {
    if (typeof b.importJwk !== 'function') continue;
    // importJwk gives an oct JWK a signing key; an HMAC verification key is imported with the "verify" usage.
    const verify = secret ? await subtle.importKey('jwk', jwkOnly(pub), SUBTLE_PARAMS[alg].import, false, ['verify']) : await b.importJwk(pub, alg);
    jwkit[name] = { sign: await b.importJwk(k.privateJwk, alg), verify };
  }
  setups[alg] = { ...k, pub, secret, subtleSign, subtleVerify, joseSign, joseVerify, token, tokenKid, input, sig, jwkit };
}

// ---------------------------------------------------------------------------
// Cases.

/** @type {{ group: string, alg: string, op: string, impl: string, fn: () => unknown, samples: number[] }[]} */
const cases = [];
function add(group, alg, op, impl, fn) {
  if (FILTER && !FILTER.test(`${group} ${alg} ${op} ${impl}`)) return;
  cases.push({ group, alg, op, impl, fn, samples: [] });
}
const has = (b, ...names) => names.every((n) => typeof b[n] === 'function');

for (const alg of ALGS) {
  const s = setups[alg];
  const jwtOpts = { algorithms: [alg], issuer: ISS, audience: AUD };
  for (const [name, b] of Object.entries(builds)) {
    const keys = s.jwkit[name];
    if (!keys) continue;
    const vkey = keys.verify;
    if (has(b, 'signCompact')) add('jws', alg, 'signCompact', `jwkit-${name}`, () => b.signCompact(PAYLOAD, keys.sign, { alg }));
    if (has(b, 'verifyCompact')) add('jws', alg, 'verifyCompact', `jwkit-${name}`, () => b.verifyCompact(s.token, vkey, { algorithms: [alg] }));
    if (has(b, 'signJwt')) add('jwt', alg, 'signJwt', `jwkit-${name}`, () => b.signJwt(SIGN_CLAIMS, keys.sign, { alg, issuer: ISS, audience: AUD, expiresIn: '1h' }));
    if (has(b, 'verifyJwt')) add('jwt', alg, 'verifyJwt', `jwkit-${name}`, () => b.verifyJwt(s.token, vkey, jwtOpts));
  }
  add('jws', alg, 'signCompact', 'jose', () => new jose.CompactSign(PAYLOAD).setProtectedHeader({ alg }).sign(s.joseSign));
  add('jws', alg, 'verifyCompact', 'jose', () => jose.compactVerify(s.token, s.joseVerify, { algorithms: [alg] }));
  add('jwt', alg, 'signJwt', 'jose', () =>
    new jose.SignJWT(SIGN_CLAIMS).setProtectedHeader({ alg }).setIssuedAt().setIssuer(ISS).setAudience(AUD).setExpirationTime('1h').sign(s.joseSign));
  add('jwt', alg, 'verifyJwt', 'jose', () => jose.jwtVerify(s.token, s.joseVerify, jwtOpts));
  const fastSigner = createSigner({ key: s.fastSign, algorithm: alg, iss: ISS, aud: AUD, expiresIn: 3_600_000 });
  const fastVerifier = createVerifier({ key: s.fastVerify, algorithms: [alg], allowedIss: ISS, allowedAud: AUD });
  add('jwt', alg, 'signJwt', 'fast-jwt', () => fastSigner(SIGN_CLAIMS));
  add('jwt', alg, 'verifyJwt', 'fast-jwt', () => fastVerifier(s.token));
  // Floors: the bare signature operation on the same signing input.
  const params = SUBTLE_PARAMS[alg].sign;
  add('floor', alg, 'sign', 'subtle', () => subtle.sign(params, s.subtleSign, s.input));
  add('floor', alg, 'verify', 'subtle', () => subtle.verify(params, s.subtleVerify, s.sig, s.input));
  if (s.secret) {
    add('floor', alg, 'sign', 'node:crypto', () => nodeCrypto.createHmac('sha256', s.nodeSign).update(s.input).digest());
    add('floor', alg, 'verify', 'node:crypto', () => {
      const mac = nodeCrypto.createHmac('sha256', s.nodeSign).update(s.input).digest();
      return mac.length === s.sig.length && nodeCrypto.timingSafeEqual(mac, s.sig);
    });
  } else {
    const opt = (key) =>
      alg === 'ES256' ? { key, dsaEncoding: 'ieee-p1363' }
      : alg === 'PS256' ? { key, padding: nodeCrypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }
      : key;
    const so = opt(s.nodeSign);
    const vo = opt(s.nodeVerify);
    add('floor', alg, 'sign', 'node:crypto', () => nodeCrypto.sign(NODE_HASH[alg], s.input, so));
    add('floor', alg, 'verify', 'node:crypto', () => nodeCrypto.verify(NODE_HASH[alg], s.input, vo, s.sig));
  }
}

// Key import, thumbprint, JWKS, base64url.
for (const alg of ['RS256', 'ES256']) {
  const s = setups[alg];
  for (const [name, b] of Object.entries(builds)) {
    if (!has(b, 'importJwk')) continue;
    add('key', alg, 'importJwk cold', `jwkit-${name}`, () => b.importJwk({ ...s.publicJwk }, alg));
    add('key', alg, 'importJwk cached', `jwkit-${name}`, () => b.importJwk(s.publicJwk, alg));
  }
  add('key', alg, 'importJwk cold', 'jose', () => jose.importJWK({ ...s.publicJwk }, alg));
  if (has(builds.node, 'thumbprint')) {
    for (const [name, b] of Object.entries(builds)) add('key', alg, 'thumbprint', `jwkit-${name}`, () => b.thumbprint(s.publicJwk));
  }
  add('key', alg, 'thumbprint', 'jose', () => jose.calculateJwkThumbprint(s.publicJwk));
}
for (const alg of ['RS256', 'ES256', 'EdDSA']) {
  const s = setups[alg];
  const decoys = ALGS.filter((a) => a !== alg && a !== 'HS256').map((a) => setups[a].publicJwk);
  const jwks = { keys: [...decoys, s.publicJwk] };
  const jwtOpts = { algorithms: [alg], issuer: ISS, audience: AUD };
  for (const [name, b] of Object.entries(builds)) {
    if (!has(b, 'verifyJwt', 'createLocalJwks', 'createRemoteJwks')) continue;
    const local = b.createLocalJwks(jwks);
    const remote = b.createRemoteJwks('https://issuer.example/.well-known/jwks.json', {
      fetch: async () => new Response(JSON.stringify(jwks), { headers: { 'content-type': 'application/json' } }),
    });
    add('jwks', alg, 'verifyJwt direct key', `jwkit-${name}`, () => b.verifyJwt(s.tokenKid, s.publicJwk, jwtOpts));
    add('jwks', alg, 'verifyJwt local JWKS', `jwkit-${name}`, () => b.verifyJwt(s.tokenKid, local, jwtOpts));
    add('jwks', alg, 'verifyJwt remote JWKS (warm)', `jwkit-${name}`, () => b.verifyJwt(s.tokenKid, remote, jwtOpts));
  }
  const joseLocal = jose.createLocalJWKSet(jwks);
  add('jwks', alg, 'verifyJwt local JWKS', 'jose', () => jose.jwtVerify(s.tokenKid, joseLocal, jwtOpts));
}
for (const [label, size] of [['1 KiB', 1024], ['1 MiB', 1 << 20]]) {
  const bytes = new Uint8Array(nodeCrypto.randomBytes(size));
  const text = Buffer.from(bytes).toString('base64url');
  if (has(builds.node, 'encode', 'decode')) {
    add('base64url', label, 'encode', 'jwkit', () => builds.node.encode(bytes));
    add('base64url', label, 'decode', 'jwkit', () => builds.node.decode(text));
  }
  add('base64url', label, 'encode', 'jose', () => jose.base64url.encode(bytes));
  add('base64url', label, 'decode', 'jose', () => jose.base64url.decode(text));
  add('base64url', label, 'encode', 'Buffer', () => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64url'));
  add('base64url', label, 'decode', 'Buffer', () => Buffer.from(text, 'base64url'));
}

// ---------------------------------------------------------------------------
// Check every case once (a benchmark of a failing call measures nothing), then measure.

for (const c of [...cases]) {
  try {
    const r = await c.fn();
    if (r === false) throw new Error('returned false');
  } catch (e) {
    console.warn(`bench: dropping ${c.group} ${c.alg} ${c.op} ${c.impl}: ${e?.code ?? ''} ${e?.message ?? e}`);
    cases.splice(cases.indexOf(c), 1);
  }
}
console.error(`bench: ${cases.length} cases x ${RUNS} rounds, >= ${TIME_NS / 1e6} ms each (Node ${process.version} ${process.arch})`);
for (let r = 0; r < RUNS; r++) {
  for (const c of cases) {
    const fn = c.fn;
    const st = await measure(async () => do_not_optimize(await fn()), { min_cpu_time: TIME_NS, min_samples: 8 });
    c.samples.push(1e9 / st.avg);
  }
  console.error(`bench: round ${r + 1}/${RUNS} done`);
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
for (const c of cases) c.ops = median(c.samples);

// ---------------------------------------------------------------------------
// Report.

const find = (group, alg, op, impl) => cases.find((c) => c.group === group && c.alg === alg && c.op === op && c.impl === impl);
const ops = (...key) => find(...key)?.ops;
/** Median over rounds of the per-round ratio a/b: the two ran back to back, so shared-machine noise mostly cancels. */
const rel = (a, b) => {
  const x = find(...a);
  const y = find(...b);
  return x && y ? median(x.samples.map((v, i) => v / y.samples[i])) : undefined;
};
const showRel = (a, b) => {
  const r = rel(a, b);
  return r === undefined ? '–' : `${r.toFixed(2)}x`;
};
const fmt = (n) => (n === undefined ? '–' : n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e4 ? `${(n / 1e3).toFixed(1)}k` : n >= 1e3 ? `${(n / 1e3).toFixed(2)}k` : n.toFixed(n < 10 ? 2 : 0));

const lines = [];
lines.push(`Node ${process.version} (${process.platform} ${process.arch}), jose ${pkgVersion('jose')}, fast-jwt ${pkgVersion('fast-jwt')}; median ops/s of ${RUNS} rounds; one process, keys pre-imported, one call at a time.`, '');
lines.push('| alg | operation | jwkit node | jwkit webcrypto | jose | fast-jwt | floor node:crypto | floor subtle | node / jose | node / fast-jwt | node / floor | webcrypto / jose | webcrypto / subtle |');
lines.push('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const alg of ALGS) {
  for (const [group, op, floorOp] of [['jws', 'signCompact', 'sign'], ['jws', 'verifyCompact', 'verify'], ['jwt', 'signJwt', 'sign'], ['jwt', 'verifyJwt', 'verify']]) {
    const N = [group, alg, op, 'jwkit-node'];
    const W = [group, alg, op, 'jwkit-webcrypto'];
    const J = [group, alg, op, 'jose'];
    const F = [group, alg, op, 'fast-jwt'];
    const FN = ['floor', alg, floorOp, 'node:crypto'];
    const FS = ['floor', alg, floorOp, 'subtle'];
    lines.push(`| ${alg} | ${op} | ${fmt(ops(...N))} | ${fmt(ops(...W))} | ${fmt(ops(...J))} | ${fmt(ops(...F))} | ${fmt(ops(...FN))} | ${fmt(ops(...FS))} | ${showRel(N, J)} | ${showRel(N, F)} | ${showRel(N, FN)} | ${showRel(W, J)} | ${showRel(W, FS)} |`);
  }
}
lines.push('', '| operation | case | jwkit node | jwkit webcrypto | jose | ratios (median of per-round ratios) |', '| --- | --- | ---: | ---: | ---: | --- |');
for (const alg of ['RS256', 'ES256']) {
  const K = (op, impl) => ['key', alg, op, impl];
  lines.push(`| importJwk | ${alg} public, cold (new object each call) | ${fmt(ops(...K('importJwk cold', 'jwkit-node')))} | ${fmt(ops(...K('importJwk cold', 'jwkit-webcrypto')))} | ${fmt(ops(...K('importJwk cold', 'jose')))} | node / jose ${showRel(K('importJwk cold', 'jwkit-node'), K('importJwk cold', 'jose'))} |`);
  lines.push(`| importJwk | ${alg} public, cached (same object) | ${fmt(ops(...K('importJwk cached', 'jwkit-node')))} | ${fmt(ops(...K('importJwk cached', 'jwkit-webcrypto')))} | – | cached / cold: node ${showRel(K('importJwk cached', 'jwkit-node'), K('importJwk cold', 'jwkit-node'))}, webcrypto ${showRel(K('importJwk cached', 'jwkit-webcrypto'), K('importJwk cold', 'jwkit-webcrypto'))} |`);
  lines.push(`| thumbprint | ${alg} public | ${fmt(ops(...K('thumbprint', 'jwkit-node')))} | ${fmt(ops(...K('thumbprint', 'jwkit-webcrypto')))} | ${fmt(ops(...K('thumbprint', 'jose')))} | node / jose ${showRel(K('thumbprint', 'jwkit-node'), K('thumbprint', 'jose'))}, webcrypto / jose ${showRel(K('thumbprint', 'jwkit-webcrypto'), K('thumbprint', 'jose'))} |`);
}
for (const alg of ['RS256', 'ES256', 'EdDSA']) {
  const J = (op, impl) => ['jwks', alg, op, impl];
  const cell = (impl) => ['verifyJwt direct key', 'verifyJwt local JWKS', 'verifyJwt remote JWKS (warm)'].map((op) => fmt(ops(...J(op, impl)))).join(' / ');
  const rr = (impl) => `remote / direct ${showRel(J('verifyJwt remote JWKS (warm)', impl), J('verifyJwt direct key', impl))}, local / direct ${showRel(J('verifyJwt local JWKS', impl), J('verifyJwt direct key', impl))}`;
  lines.push(`| verifyJwt: direct JWK / local JWKS / warm remote JWKS | ${alg} | ${cell('jwkit-node')} | ${cell('jwkit-webcrypto')} | local ${fmt(ops(...J('verifyJwt local JWKS', 'jose')))} | node: ${rr('jwkit-node')}; webcrypto: ${rr('jwkit-webcrypto')} |`);
}
for (const size of ['1 KiB', '1 MiB']) {
  for (const op of ['encode', 'decode']) {
    const B = (impl) => ['base64url', size, op, impl];
    lines.push(`| base64url ${op} | ${size} (Node's Buffer: ${fmt(ops(...B('Buffer')))}) | ${fmt(ops(...B('jwkit')))} | (same code) | ${fmt(ops(...B('jose')))} | jwkit / jose ${showRel(B('jwkit'), B('jose'))} |`);
  }
}

// Targets (issue 8 point 3), each a median of per-round ratios.
const targets = [];
const check = (what, a, b, min) => {
  const value = rel(a, b);
  targets.push({ what, value, min, ok: value !== undefined && value >= min });
};
for (const alg of ALGS) {
  const T = (group, op, impl) => [group, alg, op, impl];
  check(`node verifyJwt ${alg} / fast-jwt verify`, T('jwt', 'verifyJwt', 'jwkit-node'), T('jwt', 'verifyJwt', 'fast-jwt'), 1.0);
  check(`node verifyJwt ${alg} / jose`, T('jwt', 'verifyJwt', 'jwkit-node'), T('jwt', 'verifyJwt', 'jose'), ['HS256', 'RS256', 'PS256'].includes(alg) ? 3 : 1.5);
  check(`node signJwt ${alg} / fast-jwt sign`, T('jwt', 'signJwt', 'jwkit-node'), T('jwt', 'signJwt', 'fast-jwt'), 0.9);
}
for (const alg of ALGS) {
  const T = (group, op, impl) => [group, alg, op, impl];
  const floor = ['floor', alg, 'verify', 'subtle'];
  check(`webcrypto verifyCompact ${alg} / subtle.verify`, T('jws', 'verifyCompact', 'jwkit-webcrypto'), floor, 0.9);
  check(`webcrypto verifyJwt ${alg} / subtle.verify`, T('jwt', 'verifyJwt', 'jwkit-webcrypto'), floor, 0.85);
  const min = alg === 'HS256' ? 1.5 : 1.2;
  check(`webcrypto verifyCompact ${alg} / jose`, T('jws', 'verifyCompact', 'jwkit-webcrypto'), T('jws', 'verifyCompact', 'jose'), min);
  check(`webcrypto verifyJwt ${alg} / jose`, T('jwt', 'verifyJwt', 'jwkit-webcrypto'), T('jwt', 'verifyJwt', 'jose'), min);
}
for (const alg of ['RS256', 'ES256']) {
  for (const impl of ['jwkit-node', 'jwkit-webcrypto']) {
    check(`${impl} importJwk ${alg}: cached / cold`, ['key', alg, 'importJwk cached', impl], ['key', alg, 'importJwk cold', impl], 50);
  }
}
for (const alg of ['RS256', 'ES256', 'EdDSA']) {
  for (const impl of ['jwkit-node', 'jwkit-webcrypto']) {
    check(`${impl} verifyJwt ${alg}: warm remote JWKS / direct key`, ['jwks', alg, 'verifyJwt remote JWKS (warm)', impl], ['jwks', alg, 'verifyJwt direct key', impl], 0.9);
  }
}
for (const op of ['encode', 'decode']) check(`base64url ${op} 1 MiB / jose`, ['base64url', '1 MiB', op, 'jwkit'], ['base64url', '1 MiB', op, 'jose'], 2);
lines.push('', '| target (issue 8) | measured | wanted | |', '| --- | ---: | ---: | --- |');
for (const t of targets) lines.push(`| ${t.what} | ${t.value === undefined ? '–' : `${t.value.toFixed(2)}x`} | >= ${t.min}x | ${t.value === undefined ? 'not measured' : t.ok ? 'met' : '**missed**'} |`);

const md = lines.join('\n') + '\n';
console.log(md);
writeFileSync(new URL('results.md', OUT), md);
writeFileSync(
  new URL('results.json', OUT),
  JSON.stringify(
    {
      node: process.version, platform: `${process.platform} ${process.arch}`, runs: RUNS, minTimeMs: TIME_NS / 1e6,
      jose: pkgVersion('jose'), fastJwt: pkgVersion('fast-jwt'), date: new Date().toISOString(),
      results: cases.map(({ group, alg, op, impl, ops: o, samples }) => ({ group, alg, op, impl, opsPerSec: Math.round(o), rounds: samples.map(Math.round) })),
      targets: targets.map((t) => ({ ...t, value: t.value === undefined ? null : Number(t.value.toFixed(3)), ok: t.value === undefined ? null : t.ok })),
    },
    null,
    2,
  ) + '\n',
);

function pkgVersion(name) {
  try {
    return JSON.parse(readFileSync(new URL(`node_modules/${name}/package.json`, root), 'utf8')).version;
  } catch {
    return '?';
  }
}
