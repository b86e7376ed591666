// Entry for command-line runtimes (Node, Deno, Bun): `<runtime> cli.mjs [jwksUrl]`.
// Prints one marked JSON line with the report; exits 1 on any failure.
import { runConformance } from '../suite.mjs';

const g = globalThis;
const args = g.Deno ? g.Deno.args : g.process.argv.slice(2);
const runtime = g.Deno ? `deno ${g.Deno.version.deno}` : g.Bun ? `bun ${g.Bun.version}` : `node ${g.process.version}`;
// Which build of jwkit this runtime's package resolution picked (the runner
// maps it to a backend through package.json "exports"); "bundled" when the
// suite was bundled with jwkit inside.
let resolved = 'bundled';
if (!JWKIT_BUNDLED) resolved = import.meta.resolve('jwkit/jws');
const report = await runConformance({ runtime, backend: JWKIT_BUNDLED ? 'webcrypto' : undefined, resolved, jwksUrl: args[0] || undefined, filter: args[1] || undefined });
console.log(`@@jwkit-conformance@@${JSON.stringify({ ...report, resolved })}`);
if (g.Deno) g.Deno.exit(report.failed ? 1 : 0);
else g.process.exitCode = report.failed ? 1 : 0;
