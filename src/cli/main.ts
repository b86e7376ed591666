/**
 * The `jwkit` command line (Node only). Exit codes: 0 ok; 1 the operation
 * failed (verification failed, bad key, …) with the jwkit error code first on
 * stderr; 2 usage error.
 */
import { isJwkitError } from '../errors.js';
import { VERSION } from '../lib/version.js';
import { parseCommandArgs, clip } from './args.js';
import { UsageError, type Command, type Io } from './command.js';
import { COMMANDS } from './commands/index.js';

const io: Io = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};

function generalHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `Usage: jwkit <command> [options]   (jwkit <command> --help for details)

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Exit codes: 0 ok, 1 failed (the error code is printed on stderr), 2 usage error.
jwkit ${VERSION}
`;
}

/** Describe a jwkit error without its value: code, message, claim/reason, and the cause's code. */
function describe(e: { code: string; message: string; cause?: unknown }): string {
  let text = `${e.code}: ${e.message}\n`;
  const claim = (e as { claim?: unknown }).claim;
  const reason = (e as { reason?: unknown }).reason;
  if (typeof claim === 'string' && typeof reason === 'string') text += `  claim: ${claim}, reason: ${reason}\n`;
  if (isJwkitError(e.cause)) text += `  cause: ${e.cause.code}: ${e.cause.message}\n`;
  return text;
}

async function runCommand(cmd: Command, argv: readonly string[]): Promise<number> {
  const args = parseCommandArgs(cmd, argv);
  if (args.help) {
    io.out(cmd.help);
    return 0;
  }
  await cmd.run(args, io);
  return 0;
}

export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.err(generalHelp());
    return 2;
  }
  if (name === '--version' || name === '-v') {
    io.out(`${VERSION}\n`);
    return 0;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const cmd = COMMANDS.find((c) => c.name === rest[0]);
    io.out(cmd === undefined ? generalHelp() : cmd.help);
    return 0;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  if (cmd === undefined) {
    io.err(`jwkit: unknown command "${clip(name)}"\n\n${generalHelp()}`);
    return 2;
  }
  try {
    return await runCommand(cmd, rest);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`jwkit ${cmd.name}: ${e.message}\n(see jwkit ${cmd.name} --help)\n`);
      return 2;
    }
    if (isJwkitError(e)) {
      io.err(describe(e));
      return 1;
    }
    io.err(`jwkit ${cmd.name}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
