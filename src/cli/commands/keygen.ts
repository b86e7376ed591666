import { generateKeyPair, generateSecret } from '../../jwk/index.js';
import { lookupAlg } from '../../lib/alg.js';
import { parseJwk } from '../../jwk/index.js';
import { stringOpt } from '../args.js';
import { UsageError, type Command } from '../command.js';
import { json, writeNewFile } from '../io.js';

export const keygen: Command = {
  name: 'keygen',
  summary: 'generate a signing key (private and public JWK)',
  help: `Usage: jwkit keygen [--alg ES256] [--kid K] [--private FILE --public FILE]

Generates a key for --alg (default ES256; RS256…PS512, ES256/384/512, EdDSA,
Ed25519, or HS256/384/512 for a shared secret). The JWKs carry "alg",
"use": "sig" and "kid" (default: the RFC 7638 thumbprint; HS keys get a kid
only when --kid is given).

Without files it prints {"privateJwk": …, "publicJwk": …} (HS: {"secretJwk": …}).
With --private FILE (and --public FILE for key pairs) it writes new files
instead (the private one with mode 0600) and never overwrites one.

Options:
  --alg ALG             algorithm (default ES256)
  --kid K               key ID
  --modulus-length N    RSA modulus bits (default 2048)
  --private FILE        write the private (or secret) JWK here
  --public FILE         write the public JWK here
`,
  options: {
    alg: { type: 'string' },
    kid: { type: 'string' },
    'modulus-length': { type: 'string' },
    private: { type: 'string' },
    public: { type: 'string' },
  },
  positionals: [0, 0],
  async run(args, io) {
    const alg = stringOpt(args, 'alg') ?? 'ES256';
    const kid = stringOpt(args, 'kid');
    const privatePath = stringOpt(args, 'private');
    const publicPath = stringOpt(args, 'public');
    const entry = lookupAlg(alg);
    if (entry === undefined) throw new UsageError(`unknown --alg "${alg.slice(0, 24)}"`);
    if (entry.kty === 'oct') {
      if (publicPath !== undefined) throw new UsageError(`${entry.alg} keys are secret: there is no public key to write`);
      const secret = await generateSecret(entry.alg as 'HS256');
      const jwk = kid === undefined ? secret : parseJwk({ ...secret, kid });
      if (privatePath === undefined) io.out(json({ secretJwk: jwk }));
      else await writeNewFile(privatePath, json(jwk), 0o600);
      return;
    }
    if ((privatePath === undefined) !== (publicPath === undefined)) throw new UsageError('give both --private and --public, or neither');
    const modulus = stringOpt(args, 'modulus-length');
    if (modulus !== undefined && !/^[0-9]{1,6}$/.test(modulus)) throw new UsageError('--modulus-length takes a number of bits');
    const opts: { kid?: string; modulusLength?: number } = {};
    if (kid !== undefined) opts.kid = kid;
    if (modulus !== undefined) opts.modulusLength = Number(modulus);
    const { privateJwk, publicJwk } = await generateKeyPair(entry.alg, opts);
    if (privatePath === undefined || publicPath === undefined) {
      io.out(json({ privateJwk, publicJwk }));
      return;
    }
    await writeNewFile(privatePath, json(privateJwk), 0o600);
    await writeNewFile(publicPath, json(publicJwk), 0o644);
    io.err(`wrote ${privatePath} and ${publicPath} (kid ${JSON.stringify(privateJwk.kid)})\n`);
  },
};
