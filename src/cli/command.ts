/**
 * The shape of a `jwkit` CLI command: one file per command under
 * `commands/`, listed in `commands/index.ts`. A command throws `UsageError`
 * for bad invocations (exit 2) and lets `JwkitError`s through (exit 1, code on
 * stderr); returning normally is exit 0.
 */
import type { ParseArgsConfig } from 'node:util';

/** The options of one command, as `node:util` `parseArgs` takes them (`--help` is added for every command). */
export type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

/** Parsed arguments: option values by name, and the positionals. */
export interface Args {
  readonly values: Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;
  readonly positionals: readonly string[];
}

/** Where a command writes. Tests and main.ts supply process streams. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export interface Command {
  /** The word after `jwkit`. */
  readonly name: string;
  /** One line for `jwkit --help`. */
  readonly summary: string;
  /** The full `jwkit <name> --help` text (usage line first). */
  readonly help: string;
  readonly options: OptionSpecs;
  /** How many positionals it takes: [min, max]. */
  readonly positionals: readonly [number, number];
  run(args: Args, io: Io): Promise<void>;
}

/** A bad invocation: unknown option, missing argument, unreadable file. Exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
