import { JwkitError } from '../../errors.js';
import { parseJwk, toPublicJwk, type Jwk } from '../../jwk/index.js';
import { isPrivateJwk } from '../../jwk/validate.js';
import { parseJwks } from '../../jwks/index.js';
import { parseJsonObject } from '../../lib/json.js';
import type { Command } from '../command.js';
import { json, readText } from '../io.js';

export const jwks: Command = {
  name: 'jwks',
  summary: 'build a JWK Set from public JWK files',
  help: `Usage: jwkit jwks <jwk-file>...

Prints a JWK Set {"keys": […]} holding the keys of the given files, in order.
A file may hold one JWK or a JWK Set. Private keys contribute only their
public half (a note goes to stderr); secret (oct) keys are refused, as are
two keys with one "kid". Serve the output as /.well-known/jwks.json.
`,
  options: {},
  positionals: [1, 1000],
  async run(args, io) {
    const keys: Jwk[] = [];
    for (const path of args.positionals) {
      const text = await readText(path, 'key file');
      const obj = parseJsonObject(text, 'ERR_JSON_INVALID', `${path}`);
      const found = Array.isArray(obj.keys) ? parseJwks(obj).keys : [parseJwk(obj)];
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
