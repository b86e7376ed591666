import { JwkitError } from '../../errors.js';
import { toPublicJwk, type Jwk } from '../../jwk/index.js';
import { isPrivateJwk } from '../../jwk/validate.js';
import { parseJwks } from '../../jwks/index.js';
import type { Command } from '../command.js';
import { json } from '../io.js';
import { readKeys } from '../key-file.js';

export const jwks: Command = {
  name: 'jwks',
  summary: 'build a JWK Set from public JWK files',
  help: `Usage: jwkit jwks <jwk-file>...

Prints a JWK Set {"keys": […]} holding the keys of the given files, in order.
A file may hold one JWK, a JWK Set, or a PEM/DER key or certificate (read
as jwkit convert reads it; a certificate's key keeps its x5c). Private keys
contribute only their public half (a note goes to stderr); secret (oct) keys
are refused, as are two keys with one "kid". Serve the output as
/.well-known/jwks.json.
`,
  options: {},
  positionals: [1, 1000],
  async run(args, io) {
    const keys: Jwk[] = [];
    for (const path of args.positionals) {
      const found = await readKeys(path);
      for (const jwk of found) {
        if (jwk.kty === 'oct') {
          throw new JwkitError('ERR_JWKS_INVALID', `${path} holds a secret (oct) key; a published JWK Set holds public keys only`);
        }
        if (isPrivateJwk(jwk)) io.err(`note: ${path} holds a private key; only its public half is included\n`);
        keys.push(isPrivateJwk(jwk) ? toPublicJwk(jwk) : jwk);
      }
    }
    const set = parseJwks({ keys });
    for (const s of set.skipped ?? []) io.err(`note: key ${s.index} skipped: ${s.reason}\n`);
    io.out(json({ keys: set.keys }));
  },
};
