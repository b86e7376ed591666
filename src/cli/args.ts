/** A thin wrapper over `node:util` `parseArgs`: strict, with a per-command positional count. */
import { parseArgs } from 'node:util';
import { UsageError, type Args, type Command } from './command.js';

/** Parse `argv` (the words after the command name) for `cmd`; `help` is true for `-h`/`--help`. */
export function parseCommandArgs(cmd: Command, argv: readonly string[]): Args & { help: boolean } {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { ...cmd.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0] ?? 'bad arguments');
  }
  const { values, positionals } = parsed;
  const help = values.help === true;
  if (!help) {
    const [min, max] = cmd.positionals;
    if (positionals.length < min) throw new UsageError(`missing argument (expected ${min === max ? min : `at least ${min}`})`);
    if (positionals.length > max) throw new UsageError(`unexpected argument "${clip(positionals[max]!)}"`);
  }
  return { values, positionals, help };
}

/** One string option; a repeated one is a usage error. */
export function stringOpt(args: Args, name: string): string | undefined {
  const v = args.values[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new UsageError(`--${name} takes one value`);
  if (v === '') throw new UsageError(`--${name} must not be empty`);
  return v;
}

/** A repeatable string option (declared with `multiple: true`). */
export function listOpt(args: Args, name: string): string[] | undefined {
  const v = args.values[name];
  if (v === undefined) return undefined;
  const list = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
  if (list.some((x) => x === '')) throw new UsageError(`--${name} must not be empty`);
  return list;
}

/** Shorten what we echo back in usage errors (it might be a token). */
export function clip(s: string): string {
  return s.length > 24 ? `${s.slice(0, 24)}…` : s;
}
