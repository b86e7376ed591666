import { decodeProtectedHeader } from '../../jws/index.js';
import { decodeJwt } from '../../jwt/index.js';
import { UsageError, type Command } from '../command.js';
import { json, readToken } from '../io.js';

export const decode: Command = {
  name: 'decode',
  summary: 'print the header and claims of a JWT WITHOUT verifying it',
  help: `Usage: jwkit decode <token|->

Prints {"protectedHeader": …, "claims": …} of a JWT ("-" reads stdin)
WITHOUT checking its signature or its claims: for debugging only. Use
"jwkit verify" to decide whether to trust a token.
`,
  options: {},
  positionals: [1, 1],
  async run(args, io) {
    const token = await readToken(args.positionals[0]!);
    if (token === '') throw new UsageError('no token given');
    const protectedHeader = decodeProtectedHeader(token);
    const claims = decodeJwt(token);
    io.err('note: decoded only; the signature was NOT verified\n');
    io.out(json({ protectedHeader, claims }));
  },
};
