import { parseDuration } from '../../lib/duration.js';
import { parseJsonObject } from '../../lib/json.js';
import { isJwkitError } from '../../errors.js';
import { signJwt, type SignJwtOptions } from '../../jwt/index.js';
import { listOpt, stringOpt } from '../args.js';
import { UsageError, type Command } from '../command.js';
import { readJwk, readText } from '../io.js';

export const sign: Command = {
  name: 'sign',
  summary: 'sign a JWT with a private JWK',
  help: `Usage: jwkit sign --key <jwk-file> [--alg ALG] [--claims JSON|@file] [--exp 1h]
                  [--iss ISS] [--aud AUD]... [--sub SUB] [--nbf 0s] [--jti ID]
                  [--kid K] [--typ T] [--no-iat]

Prints a signed JWT. The header gets "typ" (default JWT) and "kid" (default:
the key's own kid); the claims get "iat" (now) unless --no-iat.

Options:
  --key FILE       private JWK (or an oct secret JWK for HS256/384/512)
  --alg ALG        algorithm, when the key allows several (e.g. an RSA key without "alg")
  --claims C       the claims as a JSON object, or @file ("@-" reads stdin)
  --exp D          expires in D: a number with a unit (30s, 15m, 1h, 7d)
  --nbf D          not valid before now + D
  --iss ISS        issuer
  --aud AUD        audience (repeat for several)
  --sub SUB        subject
  --jti ID         token ID
  --kid K          header kid
  --typ T          header typ, e.g. at+jwt (RFC 9068)
  --no-iat         do not add "iat"
`,
  options: {
    key: { type: 'string' },
    alg: { type: 'string' },
    claims: { type: 'string' },
    exp: { type: 'string' },
    nbf: { type: 'string' },
    iss: { type: 'string' },
    aud: { type: 'string', multiple: true },
    sub: { type: 'string' },
    jti: { type: 'string' },
    kid: { type: 'string' },
    typ: { type: 'string' },
    'no-iat': { type: 'boolean' },
  },
  positionals: [0, 0],
  async run(args, io) {
    const keyPath = stringOpt(args, 'key');
    if (keyPath === undefined) throw new UsageError('--key is required');
    const opts: SignJwtOptions = {};
    const set = <K extends 'alg' | 'issuer' | 'subject' | 'jti' | 'kid' | 'typ'>(k: K, flag: string) => {
      const v = stringOpt(args, flag);
      if (v !== undefined) opts[k] = v;
    };
    set('alg', 'alg');
    set('issuer', 'iss');
    set('subject', 'sub');
    set('jti', 'jti');
    set('kid', 'kid');
    set('typ', 'typ');
    const aud = listOpt(args, 'aud');
    if (aud !== undefined) opts.audience = aud.length === 1 ? aud[0]! : aud;
    const exp = stringOpt(args, 'exp');
    if (exp !== undefined) opts.expiresIn = duration(exp, 'exp');
    const nbf = stringOpt(args, 'nbf');
    if (nbf !== undefined) opts.notBefore = duration(nbf, 'nbf');
    if (args.values['no-iat'] === true) opts.issuedAt = false;
    const claims = await readClaims(stringOpt(args, 'claims'));
    const key = await readJwk(keyPath);
    io.out(`${await signJwt(claims, key, opts)}\n`);
  },
};

function duration(value: string, flag: string): string {
  if (parseDuration(value) === undefined) throw new UsageError(`--${flag} takes a number with a unit, e.g. 90s, 15m, 1h, 7d`);
  return value;
}

async function readClaims(arg: string | undefined): Promise<Record<string, unknown>> {
  if (arg === undefined) return {};
  const text = arg.startsWith('@') ? await readText(arg.slice(1), 'claims file') : arg;
  try {
    return parseJsonObject(text, 'ERR_JSON_INVALID', 'claims');
  } catch (e) {
    if (isJwkitError(e)) throw new UsageError(`--claims: ${e.message}`);
    throw e;
  }
}
