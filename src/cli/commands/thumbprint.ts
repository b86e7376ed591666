import { thumbprint as jwkThumbprint, thumbprintUri } from '../../jwk/index.js';
import { stringOpt } from '../args.js';
import { UsageError, type Command } from '../command.js';
import { readKey } from '../key-file.js';

const HASHES = ['SHA-256', 'SHA-384', 'SHA-512'] as const;
type Hash = (typeof HASHES)[number];

export const thumbprint: Command = {
  name: 'thumbprint',
  summary: 'print the RFC 7638 thumbprint of a JWK (--uri: RFC 9278 URI)',
  help: `Usage: jwkit thumbprint <jwk-file|-> [--uri] [--hash SHA-256]

Prints the RFC 7638 JWK Thumbprint (base64url) of the key in <jwk-file>
("-" reads stdin): a JWK, or a PEM/DER key or certificate (as jwkit convert
reads it). A private key has the same thumbprint as its public half.

Options:
  --uri          print the RFC 9278 URI (urn:ietf:params:oauth:jwk-thumbprint:sha-256:…)
  --hash H       SHA-256 (default), SHA-384 or SHA-512
`,
  options: { uri: { type: 'boolean' }, hash: { type: 'string' } },
  positionals: [1, 1],
  async run(args, io) {
    const hash = (stringOpt(args, 'hash') ?? 'SHA-256').toUpperCase();
    if (!(HASHES as readonly string[]).includes(hash)) throw new UsageError('--hash must be SHA-256, SHA-384 or SHA-512');
    const jwk = await readKey(args.positionals[0]!);
    const out = args.values.uri === true ? await thumbprintUri(jwk, hash as Hash) : await jwkThumbprint(jwk, hash as Hash);
    io.out(`${out}\n`);
  },
};
