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
// BENCH_OUT (directory for results.json / results.md, default bench/).
import { measure, do_not_optimize } from 'mitata';
import * as nodeCrypto from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as jose from 'jose';
import { createSigner, createVerifier } from 'fast-jwt';

const root = new URL('../', import.meta.url);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TIME_NS = Number(process.env.BENCH_TIME_MS ?? 200) * 1e6;
const FILTER = process.env.BENCH_FILTER ? new RegExp(process.env.BENCH_FILTER) : undefined;
const OUT = new URL(process.env.BENCH_OUT ? `${process.env.BENCH_OUT.replace(/\/?$/, '/')}` : 'bench/', root);
const subtle = globalThis.crypto.subtle;

if (!existsSync(new URL('dist/node/index.js', root))) {
  console.error('bench: dist/ and dist/node/ are missing; run `npm run build` (npm run bench does)');
  process.exit(1);
}

/** Both jwkit builds, loaded by path so one process holds both. */
async function loadBuild(dir) {
  const m = {};
  for (const sub of ['jwk', 'jws', 'jwt', 'jwks', 'base64url']) Object.assign(m, await import(new URL(`${dir}${sub}/index.js`, root)));
  return m;
}
const builds = { node: await loadBuild('dist/node/'), webcrypto: await loadBuild('dist/') };
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
    jwkit[name] = { sign: await b.importJwk(k.privateJwk, alg), verify: secret ? undefined : await b.importJwk(pub, alg) };
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
    const vkey = s.secret ? keys.sign : keys.verify;
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

const ops = (group, alg, op, impl) => cases.find((c) => c.group === group && c.alg === alg && c.op === op && c.impl === impl)?.ops;
const fmt = (n) => (n === undefined ? '–' : n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e4 ? `${(n / 1e3).toFixed(1)}k` : n >= 1e3 ? `${(n / 1e3).toFixed(2)}k` : n.toFixed(n < 10 ? 2 : 0));
const ratio = (a, b) => (a === undefined || b === undefined ? '–' : `${(a / b).toFixed(2)}x`);

const lines = [];
lines.push(`Node ${process.version} (${process.platform} ${process.arch}), jose ${pkgVersion('jose')}, fast-jwt ${pkgVersion('fast-jwt')}; median ops/s of ${RUNS} rounds; one process, keys pre-imported, one call at a time.`, '');
lines.push('| alg | operation | jwkit node | jwkit webcrypto | jose | fast-jwt | floor node:crypto | floor subtle | node / jose | node / fast-jwt | node / floor | webcrypto / jose | webcrypto / subtle |');
lines.push('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const alg of ALGS) {
  for (const [group, op, floorOp] of [['jws', 'signCompact', 'sign'], ['jws', 'verifyCompact', 'verify'], ['jwt', 'signJwt', 'sign'], ['jwt', 'verifyJwt', 'verify']]) {
    const n = ops(group, alg, op, 'jwkit-node');
    const w = ops(group, alg, op, 'jwkit-webcrypto');
    const j = ops(group, alg, op, 'jose');
    const f = group === 'jwt' ? ops(group, alg, op, 'fast-jwt') : undefined;
    const fn = ops('floor', alg, floorOp, 'node:crypto');
    const fs = ops('floor', alg, floorOp, 'subtle');
    lines.push(`| ${alg} | ${op} | ${fmt(n)} | ${fmt(w)} | ${fmt(j)} | ${fmt(f)} | ${fmt(fn)} | ${fmt(fs)} | ${ratio(n, j)} | ${ratio(n, f)} | ${ratio(n, fn)} | ${ratio(w, j)} | ${ratio(w, fs)} |`);
  }
}
lines.push('', '| operation | case | jwkit node | jwkit webcrypto | jose | ratio |', '| --- | --- | ---: | ---: | ---: | --- |');
for (const alg of ['RS256', 'ES256']) {
  const cold = { n: ops('key', alg, 'importJwk cold', 'jwkit-node'), w: ops('key', alg, 'importJwk cold', 'jwkit-webcrypto') };
  const warm = { n: ops('key', alg, 'importJwk cached', 'jwkit-node'), w: ops('key', alg, 'importJwk cached', 'jwkit-webcrypto') };
  lines.push(`| importJwk | ${alg} public, cold | ${fmt(cold.n)} | ${fmt(cold.w)} | ${fmt(ops('key', alg, 'importJwk cold', 'jose'))} | node / jose ${ratio(cold.n, ops('key', alg, 'importJwk cold', 'jose'))} |`);
  lines.push(`| importJwk | ${alg} public, cached | ${fmt(warm.n)} | ${fmt(warm.w)} | – | cached / cold: node ${ratio(warm.n, cold.n)}, webcrypto ${ratio(warm.w, cold.w)} |`);
  const tn = ops('key', alg, 'thumbprint', 'jwkit-node');
  const tj = ops('key', alg, 'thumbprint', 'jose');
  lines.push(`| thumbprint | ${alg} public | ${fmt(tn)} | ${fmt(ops('key', alg, 'thumbprint', 'jwkit-webcrypto'))} | ${fmt(tj)} | node / jose ${ratio(tn, tj)} |`);
}
for (const alg of ['RS256', 'ES256', 'EdDSA']) {
  for (const impl of ['jwkit-node', 'jwkit-webcrypto']) {
    const direct = ops('jwks', alg, 'verifyJwt direct key', impl);
    const local = ops('jwks', alg, 'verifyJwt local JWKS', impl);
    const remote = ops('jwks', alg, 'verifyJwt remote JWKS (warm)', impl);
    const j = ops('jwks', alg, 'verifyJwt local JWKS', 'jose');
    const short = impl.replace('jwkit-', '');
    lines.push(`| verifyJwt via JWKS | ${alg}, ${short}: direct JWK / local / remote warm | ${short === 'node' ? `${fmt(direct)} / ${fmt(local)} / ${fmt(remote)}` : '–'} | ${short === 'webcrypto' ? `${fmt(direct)} / ${fmt(local)} / ${fmt(remote)}` : '–'} | local ${fmt(j)} | remote / direct ${ratio(remote, direct)}, local / direct ${ratio(local, direct)} |`);
  }
}
for (const size of ['1 KiB', '1 MiB']) {
  for (const op of ['encode', 'decode']) {
    const k = ops('base64url', size, op, 'jwkit');
    const j = ops('base64url', size, op, 'jose');
    lines.push(`| base64url ${op} | ${size} (Buffer ${fmt(ops('base64url', size, op, 'Buffer'))}) | ${fmt(k)} | (same code) | ${fmt(j)} | jwkit / jose ${ratio(k, j)} |`);
  }
}

// Targets (issue 8 point 3).
const targets = [];
const check = (what, value, min) => targets.push({ what, value, min, ok: value !== undefined && value >= min });
for (const alg of ALGS) {
  const n = ops('jwt', alg, 'verifyJwt', 'jwkit-node');
  check(`node verifyJwt ${alg} / fast-jwt`, n / ops('jwt', alg, 'verifyJwt', 'fast-jwt'), 1.0);
  check(`node verifyJwt ${alg} / jose`, n / ops('jwt', alg, 'verifyJwt', 'jose'), ['HS256', 'RS256', 'PS256'].includes(alg) ? 3 : 1.5);
  check(`node signJwt ${alg} / fast-jwt`, ops('jwt', alg, 'signJwt', 'jwkit-node') / ops('jwt', alg, 'signJwt', 'fast-jwt'), 0.9);
  const w = ops('jwt', alg, 'verifyJwt', 'jwkit-webcrypto');
  const wc = ops('jws', alg, 'verifyCompact', 'jwkit-webcrypto');
  const floor = ops('floor', alg, 'verify', 'subtle');
  check(`webcrypto verifyCompact ${alg} / subtle`, wc / floor, 0.9);
  check(`webcrypto verifyJwt ${alg} / subtle`, w / floor, 0.85);
  check(`webcrypto verifyJwt ${alg} / jose`, w / ops('jwt', alg, 'verifyJwt', 'jose'), alg === 'HS256' ? 1.5 : 1.2);
  check(`webcrypto verifyCompact ${alg} / jose`, wc / ops('jws', alg, 'verifyCompact', 'jose'), alg === 'HS256' ? 1.5 : 1.2);
}
for (const alg of ['RS256', 'ES256']) {
  for (const impl of ['jwkit-node', 'jwkit-webcrypto']) {
    check(`${impl} importJwk ${alg} cached / cold`, ops('key', alg, 'importJwk cached', impl) / ops('key', alg, 'importJwk cold', impl), 50);
  }
}
for (const alg of ['RS256', 'ES256', 'EdDSA']) {
  for (const impl of ['jwkit-node', 'jwkit-webcrypto']) {
    check(`${impl} verifyJwt ${alg} remote JWKS (warm) / direct`, ops('jwks', alg, 'verifyJwt remote JWKS (warm)', impl) / ops('jwks', alg, 'verifyJwt direct key', impl), 0.9);
  }
}
for (const size of ['1 MiB']) {
  for (const op of ['encode', 'decode']) check(`base64url ${op} ${size} / jose`, ops('base64url', size, op, 'jwkit') / ops('base64url', size, op, 'jose'), 2);
}
lines.push('', '| target (issue 8) | measured | wanted | |', '| --- | ---: | ---: | --- |');
for (const t of targets) lines.push(`| ${t.what} | ${Number.isFinite(t.value) ? `${t.value.toFixed(2)}x` : '–'} | >= ${t.min}x | ${Number.isFinite(t.value) ? (t.ok ? 'met' : '**missed**') : 'not measured'} |`);

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
      targets: targets.map((t) => ({ ...t, value: Number.isFinite(t.value) ? Number(t.value.toFixed(3)) : null, ok: Number.isFinite(t.value) ? t.ok : null })),
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
