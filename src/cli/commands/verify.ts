import { createLocalJwks, createRemoteJwks } from '../../jwks/index.js';
import type { VerifyKey } from '../../jws/types.js';
import { parseDuration } from '../../lib/duration.js';
import { verifyJwt, type VerifyJwtOptions } from '../../jwt/index.js';
import { listOpt, stringOpt } from '../args.js';
import { UsageError, type Command } from '../command.js';
import { json, readJwk, readText, readToken } from '../io.js';

export const verify: Command = {
  name: 'verify',
  summary: 'verify a JWT with a JWK or a JWK Set (file or URL)',
  help: `Usage: jwkit verify (--key <jwk-file> | --jwks <file|url>) [--iss ISS]... [--aud AUD]...
                    [--alg ALG]... [--sub SUB] [--typ T] [--clock-tolerance 30s]
                    [--max-age 1h] [--require CLAIM]... <token|->

Verifies the signature, then the claims ("exp" and "nbf" always; the others
when asked). Prints {"protectedHeader": …, "claims": …} and exits 0; on
failure prints the error code and reason to stderr and exits 1.
A --jwks URL must be https:, or http: to a loopback address.

Options:
  --key FILE              a JWK (public, or private: its public half is used)
  --jwks FILE|URL         a JWK Set file, or its https URL (the token's kid picks the key)
  --iss ISS               required issuer (repeat to accept several)
  --aud AUD               required audience (repeat to accept several)
  --alg ALG               allowed algorithm (repeat for several)
  --sub SUB               required subject
  --typ T                 required header typ, e.g. at+jwt
  --clock-tolerance D     allowed clock skew (e.g. 30s)
  --max-age D             maximum age since iat (e.g. 1h)
  --require CLAIM         a claim that must be present (repeat)
`,
  options: {
    key: { type: 'string' },
    jwks: { type: 'string' },
    iss: { type: 'string', multiple: true },
    aud: { type: 'string', multiple: true },
    alg: { type: 'string', multiple: true },
    sub: { type: 'string' },
    typ: { type: 'string' },
    'clock-tolerance': { type: 'string' },
    'max-age': { type: 'string' },
    require: { type: 'string', multiple: true },
  },
  positionals: [1, 1],
  async run(args, io) {
    const keyPath = stringOpt(args, 'key');
    const jwksArg = stringOpt(args, 'jwks');
    if ((keyPath === undefined) === (jwksArg === undefined)) throw new UsageError('give exactly one of --key and --jwks');
    const opts: VerifyJwtOptions = {};
    const iss = listOpt(args, 'iss');
    if (iss !== undefined) opts.issuer = iss;
    const aud = listOpt(args, 'aud');
    if (aud !== undefined) opts.audience = aud;
    const algs = listOpt(args, 'alg');
    if (algs !== undefined) opts.algorithms = algs;
    const req = listOpt(args, 'require');
    if (req !== undefined) opts.requiredClaims = req;
    const sub = stringOpt(args, 'sub');
    if (sub !== undefined) opts.subject = sub;
    const typ = stringOpt(args, 'typ');
    if (typ !== undefined) opts.typ = typ;
    const tolerance = durationOpt(args.values['clock-tolerance'], 'clock-tolerance');
    if (tolerance !== undefined) opts.clockTolerance = tolerance;
    const maxAge = durationOpt(args.values['max-age'], 'max-age');
    if (maxAge !== undefined) opts.maxAge = maxAge;
    const token = await readToken(args.positionals[0]!);
    if (token === '') throw new UsageError('no token given');
    const key: VerifyKey = keyPath !== undefined ? await readJwk(keyPath) : await jwksKey(jwksArg!);
    const { protectedHeader, claims } = await verifyJwt(token, key, opts);
    io.out(json({ protectedHeader, claims }));
  },
};

function durationOpt(v: unknown, flag: string): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || parseDuration(v) === undefined) throw new UsageError(`--${flag} takes a number with a unit, e.g. 30s, 5m`);
  return v;
}

async function jwksKey(source: string): Promise<VerifyKey> {
  if (/^https?:\/\//i.test(source)) return createRemoteJwks(source);
  return createLocalJwks(await readText(source, 'JWK Set file'));
}
