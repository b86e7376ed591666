// draft-ietf-cose-dilithium Appendix A.1: the ML-DSA-44/65/87 JOSE examples.
// Everywhere: the JWKs parse and their kid is their RFC 7638 thumbprint (AKP
// members alg, kty, pub). Where the runtime's WebCrypto has the parameter
// set: the example JWS verifies with the public key, a changed signature
// fails; elsewhere importJwk fails with ERR_JWK_UNSUPPORTED (never a raw
// DOMException) and the verification is skipped with the reason.
import { equal, ok } from '../harness.mjs';
import { tamperCompact } from './jws-vectors.mjs';

export default function mldsaVectorChecks({ h, lib, need, vec, features, rejects }) {
  const vectors = vec('draft-ietf-cose-dilithium.json').vectors;
  for (const v of vectors) {
    h.test(`${v.id}: the JWK parses and its kid is its thumbprint`, async () => {
      const jwk = need('jwk', 'parseJwk')(v.jwk);
      equal(jwk.kty, 'AKP');
      equal(await need('jwk', 'thumbprint')(jwk), v.jwk.kid);
      ok(need('jwk', 'toPublicJwk')(jwk).priv === undefined, 'toPublicJwk left "priv"');
    });
    const pub = () => lib.jwk.toPublicJwk(v.jwk);
    if (!features[v.alg]) {
      h.skip(`${v.id}: the example JWS verifies`, features.reason(v.alg));
      h.test(`${v.id}: without ${v.alg} in WebCrypto, importJwk fails with ERR_JWK_UNSUPPORTED`, async () => {
        await rejects(() => need('jwk', 'importJwk')(pub(), v.alg), 'ERR_JWK_UNSUPPORTED');
      });
      continue;
    }
    h.test(`${v.id}: the example JWS verifies; a changed signature fails`, async () => {
      const verifyCompact = need('jws', 'verifyCompact');
      const r = await verifyCompact(v.jws, pub(), { algorithms: [v.alg] });
      equal(r.protectedHeader.alg, v.alg);
      await rejects(() => verifyCompact(tamperCompact(v.jws), pub()), 'ERR_JWS_SIGNATURE_INVALID');
    });
  }
}
