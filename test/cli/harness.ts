/**
 * Runs the BUILT `jwkit` CLI as a child process. By default the CLI is built
 * fresh with the repository's own tsup CLI config into a temporary directory
 * (so the test never runs a stale dist/ and never races a concurrent
 * `npm run build`, which cleans dist/); set JWKIT_CLI=dist/cli.js to test
 * the artifact of `npm run build` instead.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, type Options } from 'tsup';
import config from '../../tsup.config.js';

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export async function buildCli(): Promise<{ cli: string; cleanup: () => void }> {
  if (process.env.JWKIT_CLI !== undefined) return { cli: resolve(process.env.JWKIT_CLI), cleanup: () => {} };
  const configs = (Array.isArray(config) ? config : [config]) as Options[];
  const cliConfig = configs.find((c) => typeof c.entry === 'object' && !Array.isArray(c.entry) && 'cli' in c.entry);
  if (cliConfig === undefined) throw new Error('tsup.config.ts has no cli entry');
  const outDir = mkdtempSync(join(tmpdir(), 'jwkit-cli-'));
  await build({ ...cliConfig, outDir, silent: true, config: false });
  return { cli: join(outDir, 'cli.js'), cleanup: () => rmSync(outDir, { recursive: true, force: true }) };
}

/** Run `node <cli> ...args` with optional stdin; killed after 15 s. */
export function runCli(cli: string, args: readonly string[], opts: { input?: string; cwd?: string } = {}): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: opts.cwd, stdio: ['pipe', 'pipe', 'pipe'], timeout: 15_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
    child.stdin.end(opts.input ?? '');
  });
}
