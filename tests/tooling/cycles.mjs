#!/usr/bin/env node
// `npm run cycles`: fails (exit 1) when the product's modules import each other in a cycle.
//
// It reads every .ts/.tsx/.mts/.mjs file below the folders named (default: electron, renderer/src),
// collects what each imports — static imports and re-exports, dynamic import() and require() —
// resolves each specifier with the TypeScript compiler's own module resolution (the options of
// ROOT/tsconfig.json, so folder imports and extensionless paths resolve as tsc and Vite resolve
// them), and keeps the edges between the files it read. Each strongly connected group of two or more
// files (or a file importing itself) is a cycle: it prints one import path round each, and how many
// files the group holds, and exits 1. Packages (node_modules) are never followed.
//
// Type-only imports (`import type`, `export type`, `import { type A }` with nothing else, and
// `import('x').T` types) count too: two modules that know each other's types are not layered
// either. --runtime leaves them out (they are erased when compiled, so they alone cannot make
// modules load in a cycle).
//
//   node tests/tooling/cycles.mjs [--runtime] [--root DIR] [FOLDER...]
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const SOURCE = /\.(ts|tsx|mts|mjs)$/;

/** The compiler options of root/tsconfig.json, or TypeScript's bundler resolution without one. */
function compilerOptions(root) {
  const file = ts.findConfigFile(root, ts.sys.fileExists, 'tsconfig.json');
  if (!file || path.dirname(file) !== root) {
    return { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, allowJs: true, jsx: ts.JsxEmit.ReactJSX };
  }
  const { config, error } = ts.readConfigFile(file, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  return { ...ts.parseJsonConfigFileContent(config, ts.sys, root).options, allowJs: true };
}

function sourceFiles(dir) {
  const out = [];
  for (const ent of readdirSync(dir, { withFileTypes: true })) {
    if (ent.name === 'node_modules' || ent.name.startsWith('.')) continue;
    const full = path.join(dir, ent.name);
    if (ent.isDirectory()) out.push(...sourceFiles(full));
    else if (SOURCE.test(ent.name) && !ent.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/** Whether an import or export declaration brings in types only. */
function typeOnly(node) {
  if (ts.isImportDeclaration(node)) {
    const clause = node.importClause;
    if (!clause) return false;
    if (clause.isTypeOnly) return true;
    const named = clause.namedBindings;
    return !clause.name && named !== undefined && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
  }
  if (node.isTypeOnly) return true;
  const named = node.exportClause;
  return named !== undefined && ts.isNamedExports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
}

/** Every module specifier `file` names: imports, re-exports, import() and require(); type-only ones if `types`. */
function specifiers(file, types) {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : file.endsWith('.mjs') ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, kind);
  const found = [];
  const visit = (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      if (types || !typeOnly(node)) found.push(node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      found.push(node.moduleReference.expression.text);
    } else if (ts.isCallExpression(node) && node.arguments.length > 0 && ts.isStringLiteralLike(node.arguments[0])) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) found.push(node.arguments[0].text);
    } else if (types && ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Tarjan's strongly connected components of the graph (Map file -> Set of files). */
function components(graph) {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const out = [];
  let next = 0;
  const connect = (v) => {
    index.set(v, next);
    low.set(v, next);
    next += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) === index.get(v)) {
      const group = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1 || graph.get(v).has(v)) out.push(group);
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) connect(v);
  return out;
}

/** One import path from `start` round to itself, staying inside `group`. */
function cycleThrough(graph, group, start) {
  const inGroup = new Set(group);
  const previous = new Map([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift();
    for (const w of graph.get(v)) {
      if (w === start) {
        const route = [v];
        for (let p = previous.get(v); p !== null; p = previous.get(p)) route.unshift(p);
        return [...route, start];
      }
      if (inGroup.has(w) && !previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

/**
 * The cycles among the files below `folders` (relative to `root`): for each, one import path round
 * it (relative paths, the first file again at the end) and every file of its group.
 */
export function findCycles(root, folders, { types = true } = {}) {
  const options = compilerOptions(root);
  const files = folders.flatMap((f) => sourceFiles(path.resolve(root, f)));
  const known = new Set(files);
  const graph = new Map(files.map((f) => [f, new Set()]));
  for (const file of files) {
    for (const spec of specifiers(file, types)) {
      const resolved = ts.resolveModuleName(spec, file, options, ts.sys).resolvedModule;
      if (!resolved || resolved.isExternalLibraryImport) continue;
      const target = path.resolve(resolved.resolvedFileName);
      if (known.has(target)) graph.get(file).add(target);
    }
  }
  const rel = (f) => path.relative(root, f).split(path.sep).join('/');
  return components(graph).map((group) => {
    const start = [...group].sort()[0];
    return { path: cycleThrough(graph, group, start).map(rel), files: group.map(rel).sort() };
  });
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const args = process.argv.slice(2);
  const types = !args.includes('--runtime');
  const rest = args.filter((a) => a !== '--runtime');
  let root = process.cwd();
  const rootAt = rest.indexOf('--root');
  if (rootAt >= 0) {
    root = path.resolve(rest[rootAt + 1] ?? '.');
    rest.splice(rootAt, 2);
  }
  const folders = rest.length > 0 ? rest : ['electron', 'renderer/src'];
  const cycles = findCycles(root, folders, { types });
  const counted = types ? '' : ' (type-only imports left out)';
  if (cycles.length === 0) {
    console.log(`cycles: no import cycle in ${folders.join(', ')}${counted}`);
  } else {
    console.error(`cycles: ${cycles.length} import cycle${cycles.length === 1 ? '' : 's'}${counted}:`);
    for (const c of cycles) {
      const more = c.files.length > c.path.length - 1 ? ` (${c.files.length} files in this cycle: ${c.files.join(', ')})` : '';
      console.error(`  ${c.path.join(' -> ')}${more}`);
    }
    process.exit(1);
  }
}
