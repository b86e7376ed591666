// Feature detection straight from the runtime's WebCrypto, independent of
// jwkit: the suite then checks that jwkit agrees (supportedAlgorithms) and
// skips, with the reason, what the runtime cannot do.
const PROBES = {
  Ed25519: { name: 'Ed25519' },
  Ed448: { name: 'Ed448' },
  'ML-DSA-44': { name: 'ML-DSA-44' },
  'ML-DSA-65': { name: 'ML-DSA-65' },
  'ML-DSA-87': { name: 'ML-DSA-87' },
};

export async function detectFeatures() {
  const out = { errors: {} };
  for (const [name, params] of Object.entries(PROBES)) {
    try {
      const pair = await crypto.subtle.generateKey(params, false, ['sign', 'verify']);
      const sig = await crypto.subtle.sign(params, pair.privateKey, new Uint8Array([1, 2, 3]));
      out[name] = await crypto.subtle.verify(params, pair.publicKey, sig, new Uint8Array([1, 2, 3]));
    } catch (e) {
      out[name] = false;
      out.errors[name] = `${e && e.name}: ${e && e.message}`;
    }
  }
  out.reason = (name) => `this runtime's WebCrypto has no ${name} (${out.errors[name] ?? 'probe failed'})`;
  return out;
}
