/**
 * The fuzz harness (issue 14 point 3). Each target is a fast-check property
 * over inputs taken from outside: its body may succeed or throw a
 * `JwkitError` with a known code, nothing else. Around every input the
 * harness also checks that `Object.prototype` gained no member (prototype
 * pollution) and measures the input's time.
 *
 * Run counts: `FUZZ_RUNS` (default 2,000, the short version that `npm test`
 * runs; `npm run fuzz` sets 100,000). A failure prints its seed and path and
 * a command that replays exactly that input: `FUZZ_SEED=… FUZZ_PATH=…`.
 *
 * Time: DESIGN rule 9 says no input chooses a cost, so no single input may
 * take more than {@link LIMIT_MS}. One slow measurement on a shared 2-core
 * machine is usually a GC pause or another process, so an input over the
 * limit is run again up to five times, 25 ms apart, and fails only if its
 * fastest run is still over the limit in wall-clock time and in this
 * process's CPU time (a clear outlier that the input itself causes; load from
 * other processes inflates wall time, not our CPU time). The slowest first
 * measurement and the slowest confirmed one are printed per target and
 * appended to `reports/fuzz.jsonl`.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { ERROR_CODES, JwkitError } from '../../src/errors.js';

/** Milliseconds one input may take (issue 14 point 3). */
export const LIMIT_MS = 50;

/** Runs per target: `FUZZ_RUNS`, else the short version of `npm test`. */
export const RUNS = positiveInt(process.env.FUZZ_RUNS) ?? 2000;

const SEED = intOrUndefined(process.env.FUZZ_SEED);
/** FUZZ_TRACE=1: before each input, write it to reports/fuzz-current-<backend>.txt, so a hang (which no timeout inside the process can interrupt) leaves its input behind. */
const TRACE = process.env.FUZZ_TRACE === '1';
const PATH = process.env.FUZZ_PATH || undefined;
const BACKEND = process.env.JWKIT_BACKEND ?? 'webcrypto';

/** A vitest timeout that grows with the run count (20 ms per run, at least 120 s: a shared machine can be slow). */
export const TIMEOUT_MS = Math.max(120_000, RUNS * 20);

function positiveInt(s: string | undefined): number | undefined {
  const n = Number(s);
  return s !== undefined && Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

function intOrUndefined(s: string | undefined): number | undefined {
  const n = Number(s);
  return s !== undefined && s !== '' && Number.isSafeInteger(n) ? n : undefined;
}

const KNOWN_CODES = new Set<string>(ERROR_CODES);
const PROTO_NAMES = Object.getOwnPropertyNames(Object.prototype).sort().join(',');
const ARRAY_PROTO_NAMES = Object.getOwnPropertyNames(Array.prototype).sort().join(',');

/** What a target reports. */
export interface FuzzStats {
  target: string;
  backend: string;
  runs: number;
  /** Slowest first measurement of any input, ms. */
  maxMs: number;
  /** Slowest input after its re-runs (its fastest run), ms; 0 when nothing was over the limit. */
  confirmedMaxMs: number;
  /** Inputs whose first measurement was over the limit (re-run, then passed). */
  retried: number;
  /** How often each outcome a target reported happened (e.g. `ok`, or the error code). */
  outcomes: Record<string, number>;
}

/**
 * Call `body`; a thrown value must be a `JwkitError` with a DESIGN code.
 * Returns the error (or undefined) so a target can check more.
 */
export async function onlyJwkitError(body: () => unknown): Promise<JwkitError | undefined> {
  try {
    await body();
    return undefined;
  } catch (e) {
    if (!(e instanceof JwkitError) || !KNOWN_CODES.has(e.code)) {
      const what = e instanceof Error ? `${e.constructor.name}: ${e.message}` : `non-error ${typeof e}: ${String(e)}`;
      throw new Error(`escaped an error that is not a JwkitError: ${what}`, { cause: e });
    }
    // DESIGN "jwkit/errors": a message says what was wrong.
    if (e.message.trim() === '') throw new Error(`a ${e.code} error has an empty message`, { cause: e });
    return e;
  }
}

function checkPrototypes(): void {
  if (Object.getOwnPropertyNames(Object.prototype).sort().join(',') !== PROTO_NAMES) {
    throw new Error('Object.prototype was modified (prototype pollution)');
  }
  if (Object.getOwnPropertyNames(Array.prototype).sort().join(',') !== ARRAY_PROTO_NAMES) {
    throw new Error('Array.prototype was modified (prototype pollution)');
  }
}

/** Wall-clock and CPU time (this process, all threads: WebCrypto's thread pool included) of one call, ms. */
async function timed(body: () => Promise<void>): Promise<{ wall: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await body();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Re-runs of an input whose first run was over the limit, spaced so a burst of load on the machine passes. */
const RERUNS = 5;

/**
 * Run one fuzz target: `check(input)` is called for `RUNS` inputs drawn from
 * `arb` and must resolve (it throws an assertion error to fail); it may
 * return a short outcome tag, counted in the stats. Throws with
 * the seed, the path and a replay command when an input fails.
 */
export async function fuzz<T>(
  target: string,
  arb: fc.Arbitrary<T>,
  check: (input: T) => Promise<string | void> | string | void,
): Promise<FuzzStats> {
  const stats: FuzzStats = { target, backend: BACKEND, runs: 0, maxMs: 0, confirmedMaxMs: 0, retried: 0, outcomes: {} };
  let tag: string | void = undefined;
  const one = async (input: T) => {
    tag = await check(input);
    checkPrototypes();
  };
  const traceFile = new URL(`../../reports/fuzz-current-${BACKEND}-${process.pid}.txt`, import.meta.url);
  if (TRACE) mkdirSync(new URL('../../reports/', import.meta.url), { recursive: true });
  const property = fc.asyncProperty(arb, async (input) => {
    if (TRACE) writeFileSync(traceFile, `${target} run ${stats.runs}\n${fc.stringify(input)}\n`);
    stats.runs++;
    const first = await timed(() => one(input));
    if (typeof tag === 'string') stats.outcomes[tag] = (stats.outcomes[tag] ?? 0) + 1;
    stats.maxMs = Math.max(stats.maxMs, first.wall);
    if (first.wall <= LIMIT_MS) return;
    stats.retried++;
    let best = first;
    for (let i = 0; i < RERUNS && best.wall > LIMIT_MS; i++) {
      await pause(25);
      const t = await timed(() => one(input));
      best = { wall: Math.min(best.wall, t.wall), cpu: Math.min(best.cpu, t.cpu) };
    }
    stats.confirmedMaxMs = Math.max(stats.confirmedMaxMs, best.wall);
    // Slow on every run, wall-clock and CPU alike: the input itself costs that much.
    if (best.wall > LIMIT_MS && best.cpu > LIMIT_MS) {
      throw new Error(`one input took ${best.wall.toFixed(1)} ms (${best.cpu.toFixed(1)} ms CPU) on its fastest of ${RERUNS + 1} runs (limit ${LIMIT_MS} ms)`);
    }
  });
  const details = await fc.check(property, {
    numRuns: RUNS,
    // An input whose promise never settles fails (with its seed and path) instead of hanging the run;
    // generous, so that a machine stalled by other work does not fail a fast input.
    timeout: 60_000,
    ...(SEED === undefined ? {} : { seed: SEED }),
    ...(PATH === undefined ? {} : { path: PATH }),
  });
  if (details.failed) {
    const path = details.counterexamplePath ?? '';
    const replay = `FUZZ_SEED=${details.seed} FUZZ_PATH=${path} npx vitest run test/fuzz --project ${BACKEND} -t "${target}"`;
    const error = details.errorInstance;
    throw new Error(
      [
        `fuzz target "${target}" failed after ${details.numRuns} run(s) on the ${BACKEND} backend`,
        `  seed: ${details.seed}, path: "${path}"`,
        `  replay: ${replay}`,
        `  counterexample: ${fc.stringify(details.counterexample).slice(0, 2000)}`,
        `  error: ${error instanceof Error ? error.message : String(error)}`,
      ].join('\n'),
      { cause: error },
    );
  }
  report(stats);
  return stats;
}

function report(stats: FuzzStats): void {
  const line = `fuzz ${stats.target} [${stats.backend}]: ${stats.runs} runs, slowest input ${stats.maxMs.toFixed(1)} ms` +
    (stats.retried > 0 ? ` (${stats.retried} re-run, slowest confirmed ${stats.confirmedMaxMs.toFixed(1)} ms)` : '') +
    (Object.keys(stats.outcomes).length > 0 ? `; outcomes ${JSON.stringify(stats.outcomes)}` : '');
  console.log(line);
  try {
    mkdirSync(new URL('../../reports/', import.meta.url), { recursive: true });
    appendFileSync(new URL('../../reports/fuzz.jsonl', import.meta.url), JSON.stringify({ ...stats, at: new Date().toISOString() }) + '\n');
  } catch {
    // The report file is a convenience; the console line is the record.
  }
}
