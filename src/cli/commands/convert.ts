import { readFile } from 'node:fs/promises';
import { parseJwk } from '../../jwk/index.js';
import { parseJsonObject } from '../../lib/json.js';
import { jwkToPem, pemToJwk, type PemToJwkOptions } from '../../pem/index.js';
import { stringOpt } from '../args.js';
import { UsageError, type Command } from '../command.js';
import { json } from '../io.js';
import { classify, readBytes } from '../key-file.js';

export const convert: Command = {
  name: 'convert',
  summary: 'convert a PEM/DER key or certificate to a JWK, or a JWK to PEM',
  help: `Usage: jwkit convert <file|-> [--alg ALG] [--kid K] [--passphrase-file FILE]

Converts the key in <file> ("-" reads stdin); the direction follows the input:
  PEM or DER → JWK   PUBLIC KEY, PRIVATE KEY, ENCRYPTED PRIVATE KEY (PBES2),
                     RSA PUBLIC/PRIVATE KEY (PKCS#1), EC PRIVATE KEY (SEC1), or
                     CERTIFICATE blocks (the first one's key, with x5c and x5t#S256).
                     The JWK gets "kid" (default: the RFC 7638 thumbprint).
  JWK → PEM          a public JWK as PUBLIC KEY (SPKI), a private one as
                     PRIVATE KEY (unencrypted PKCS#8: keep it secret).
RSA, EC P-256/P-384/P-521, Ed25519 and Ed448 keys.

Options (PEM/DER input only):
  --alg ALG                set the JWK "alg" (it must fit the key)
  --kid K                  set the JWK "kid"
  --passphrase-file FILE   the passphrase of an ENCRYPTED PRIVATE KEY: the first line of FILE
`,
  options: { alg: { type: 'string' }, kid: { type: 'string' }, 'passphrase-file': { type: 'string' } },
  positionals: [1, 1],
  async run(args, io) {
    const alg = stringOpt(args, 'alg');
    const kid = stringOpt(args, 'kid');
    const passphraseFile = stringOpt(args, 'passphrase-file');
    const bytes = await readBytes(args.positionals[0]!, 'key file');
    const { kind, text } = classify(bytes);
    if (kind === 'jwk') {
      if (alg !== undefined || kid !== undefined || passphraseFile !== undefined) {
        throw new UsageError('--alg, --kid and --passphrase-file apply to PEM or DER input; a JWK is written as PEM as it is');
      }
      io.out(await jwkToPem(parseJwk(parseJsonObject(text, 'ERR_JSON_INVALID', 'JWK'))));
      return;
    }
    const opts: PemToJwkOptions = {};
    if (alg !== undefined) opts.alg = alg;
    if (kid !== undefined) opts.kid = kid;
    if (passphraseFile !== undefined) opts.passphrase = await readPassphrase(passphraseFile);
    io.out(json(await pemToJwk(kind === 'pem' ? text : bytes, opts)));
  },
};

/** The first line of the file, as `openssl -passin file:` reads it. */
async function readPassphrase(path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new UsageError(`cannot read the passphrase file "${path}"${code === undefined ? '' : ` (${code})`}`);
  }
  return text.split(/\r?\n/, 1)[0]!;
}
