/** Every `jwkit` command, in `--help` order. A new command is one file plus one line here. */
import type { Command } from '../command.js';
import { convert } from './convert.js';
import { decode } from './decode.js';
import { jwks } from './jwks.js';
import { keygen } from './keygen.js';
import { keyring } from './keyring.js';
import { sign } from './sign.js';
import { thumbprint } from './thumbprint.js';
import { verify } from './verify.js';

export const COMMANDS: readonly Command[] = [keygen, jwks, thumbprint, sign, verify, decode, convert, keyring];
