// The key sets the loopback JWKS server serves (test/runtimes/jwks-server.mjs)
// and the suite signs for. Built from vector keys, so the suite holds the
// private halves and the server needs nothing but the vectors.
const pick = (jwk, extra) => {
  const out = {};
  for (const m of ['kty', 'crv', 'x', 'y', 'n', 'e', 'k']) if (jwk[m] !== undefined) out[m] = jwk[m];
  return { ...out, ...extra };
};

/** `vectors` maps a path under vectors/ to its parsed JSON. */
export function remoteKeys(vectors) {
  const a = vectors['rfc7515-appendix-a.json'].vectors;
  const rsa = a.find((v) => v.id === 'rfc7515-A.2').jwk;
  const ec = a.find((v) => v.id === 'rfc7515-A.3').jwk;
  const ed = vectors['rfc8037.json'].vectors.find((v) => v.id === 'rfc8037-A.1').jwk;
  const p521 = vectors['rfc7520/jwk/3_2.ec_private_key.json'];
  const hmac = a.find((v) => v.id === 'rfc7515-A.1').jwk;
  const priv = {
    rsa: { ...rsa, kid: 'rsa-a2' },
    ec: { ...ec, kid: 'ec-a3' },
    ed: { ...ed, kid: 'ed-8037' },
    p521: { ...p521, kid: 'ec-7520', use: undefined },
    hmac: { ...hmac, kid: 'hmac-a1' },
  };
  const pub = {
    rsa: pick(rsa, { kid: 'rsa-a2', use: 'sig' }),
    ec: pick(ec, { kid: 'ec-a3', alg: 'ES256' }),
    ed: pick(ed, { kid: 'ed-8037' }),
    p521: pick(p521, { kid: 'ec-7520' }),
  };
  return {
    priv,
    sets: {
      /** The first set: RSA (no alg, like Microsoft Entra's), P-256, Ed25519. */
      v1: { keys: [pub.rsa, pub.ec, pub.ed] },
      /** After rotation: the P-521 key added. */
      v2: { keys: [pub.rsa, pub.ec, pub.ed, pub.p521] },
      /** A set with only a symmetric key: a remote JWKS never yields an oct key. */
      oct: { keys: [pick(hmac, { kid: 'hmac-a1' })] },
    },
  };
}
