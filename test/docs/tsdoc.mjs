// Reads every public export of every subpath entry (src/index.ts and
// src/<subpath>/index.ts, as package.json "exports" lists them) with the
// TypeScript compiler API and checks its TSDoc against the house shape
// (STYLE.md item 15, issue 14 point 4):
//   - every export: a summary and an `@example` with a code block;
//   - functions, classes and constants: "Exported from `jwkit/<subpath>`" naming
//     the subpath(s) that really export it, and an `@param` per parameter.
// Used by test/docs/tsdoc.test.ts; `node test/docs/tsdoc.mjs` prints the list.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Subpath → entry file, from package.json "exports" (dist/<x>/index.js ← src/<x>/index.ts). */
export function entries() {
  const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
  const out = new Map();
  for (const sub of Object.keys(pkg.exports)) {
    if (sub === './package.json') continue;
    out.set(sub === '.' ? 'jwkit' : `jwkit/${sub.slice(2)}`, `${root}src/${sub === '.' ? '' : `${sub.slice(2)}/`}index.ts`);
  }
  return out;
}

function docOf(decl) {
  const docs = ts.getJSDocCommentsAndTags(decl).filter(ts.isJSDoc);
  return docs[docs.length - 1];
}

function text(comment) {
  if (comment === undefined) return '';
  return typeof comment === 'string' ? comment : comment.map((c) => c.text ?? '').join('');
}

/** The declaration whose doc counts: a function's implementation, else the first with a JSDoc. */
function documented(decls) {
  const impl = decls.find((d) => ts.isFunctionDeclaration(d) && d.body !== undefined && docOf(d) !== undefined);
  return impl ?? decls.find((d) => docOf(d) !== undefined) ?? decls[0];
}

/** Every problem, as `jwkit/<subpath>: <name>: <what>`, plus the count of exports checked. */
export function checkTsdoc() {
  const subs = entries();
  const program = ts.createProgram([...subs.values()], { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, strict: true, noEmit: true });
  const checker = program.getTypeChecker();
  const problems = [];
  const bySymbol = new Map();
  for (const [sub, file] of subs) {
    const sf = program.getSourceFile(file);
    if (!sf) {
      problems.push(`${sub}: entry ${file} not found`);
      continue;
    }
    const walk = (moduleSymbol, prefix) => {
      for (const exp of checker.getExportsOfModule(moduleSymbol)) {
        const sym = exp.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exp) : exp;
        const decls = sym.declarations ?? [];
        if (decls.some((d) => ts.isSourceFile(d))) {
          walk(sym, `${prefix}${exp.name}.`); // `export * as base64url`: its members are the exports
          continue;
        }
        const key = sym;
        if (!bySymbol.has(key)) bySymbol.set(key, { name: `${prefix}${exp.name}`, decls, subs: new Set() });
        bySymbol.get(key).subs.add(sub);
      }
    };
    walk(checker.getSymbolAtLocation(sf), '');
  }
  for (const { name, decls, subs: exportedBy } of bySymbol.values()) {
    const decl = documented(decls);
    const where = `${[...exportedBy].find((s) => s !== 'jwkit') ?? 'jwkit'}: ${name}`;
    const doc = decl && docOf(decl);
    if (!doc) {
      problems.push(`${where}: no TSDoc`);
      continue;
    }
    const tags = doc.tags ?? [];
    const summary = text(doc.comment).trim();
    if (summary === '') problems.push(`${where}: no summary sentence`);
    const example = tags.find((t) => t.tagName.text === 'example');
    if (!example) problems.push(`${where}: no @example`);
    else if (!/```/.test(text(example.comment))) problems.push(`${where}: @example has no code block`);
    const isValue = decls.some((d) => ts.isFunctionDeclaration(d) || ts.isClassDeclaration(d) || ts.isVariableDeclaration(d));
    if (!isValue) continue;
    const subsOnly = [...exportedBy].filter((s) => s !== 'jwkit');
    for (const s of subsOnly) if (!summary.includes(`\`${s}\``)) problems.push(`${where}: summary does not say "Exported from \`${s}\`"`);
    for (const m of summary.matchAll(/`(jwkit\/[a-z0-9]+)`/g)) {
      if (/Exported from/.test(summary) && summary.indexOf(m[0]) > summary.indexOf('Exported from') && !exportedBy.has(m[1])) {
        problems.push(`${where}: says it is exported from \`${m[1]}\`, which does not export it`);
      }
    }
    if (ts.isFunctionDeclaration(decl)) {
      const documentedParams = new Set(tags.filter(ts.isJSDocParameterTag).map((t) => t.name.getText()));
      for (const p of decl.parameters) {
        const pname = p.name.getText();
        if (!documentedParams.has(pname)) problems.push(`${where}: no @param ${pname}`);
      }
    }
  }
  return { problems, checked: bySymbol.size };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { problems, checked } = checkTsdoc();
  for (const p of problems) console.log(p);
  console.log(`${checked} exports checked, ${problems.length} problem(s)`);
  process.exit(problems.length ? 1 : 0);
}
