// The layer rules of the TypeScript project (docs/decisions/0014), checked on import statements:
//
//   environments/  ← charts/ (components; charts/shared/ their shared constructs)
//                  ← apps/ (Argo CD layer: charts/shared/ only, component folders for types only)
//                  ← render/ (the pipeline: environments, charts, apps)
//                  ← main.ts (thin CLI: render/ only)
//   policies/, tools/, test/ may import any layer but main.ts; nothing imports main.ts.
//
// Inside charts/ a module has no effect on being imported: no side-effect-only imports
// (`import './x'`) and no module-level calls (registrations); everything a component contributes
// is on its ComponentDefinition.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';

export interface SourceFile {
  /** Path relative to the repository root, with forward slashes. */
  readonly path: string;
  readonly text: string;
}

export interface LayerViolation {
  readonly file: string;
  readonly line: number;
  readonly rule: 'layer' | 'main-import' | 'side-effect-import' | 'module-level-call';
  readonly message: string;
}

interface ImportRef {
  readonly target: string;
  readonly line: number;
  readonly typeOnly: boolean;
  readonly sideEffectOnly: boolean;
}

type Layer = 'main' | 'render' | 'charts' | 'apps' | 'environments' | 'policies' | 'tools' | 'test' | 'other';

function layerOf(path: string): Layer {
  if (path === 'main.ts' || path === 'main') return 'main';
  const top = path.split('/')[0];
  return (['render', 'charts', 'apps', 'environments', 'policies', 'tools', 'test'] as const).find((l) => l === top) ?? 'other';
}

/** What each layer may import (relative imports only; packages are not layered). */
function allowed(from: string, ref: ImportRef): boolean {
  const to = layerOf(ref.target);
  // Data outside the code layers (package.json, spark-jobs/versions.json) may be read by any layer.
  if (to === 'other') return true;
  switch (layerOf(from)) {
    case 'environments':
      return to === 'environments';
    case 'charts':
      return to === 'environments' || to === 'charts';
    case 'apps':
      return to === 'environments' || to === 'apps' || ref.target.startsWith('charts/shared/') || (to === 'charts' && ref.typeOnly);
    case 'render':
      return to === 'environments' || to === 'charts' || to === 'apps' || to === 'render';
    case 'main':
      return to === 'render';
    default:
      return to !== 'main';
  }
}

/** Repository-relative target of a relative module specifier, without extension. */
function resolveSpecifier(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const target = normalize(join(dirname(from), specifier)).split(sep).join('/');
  return target.replace(/\.(ts|mts|js|mjs)$/, '').replace(/\/index$/, '');
}

interface Statement {
  /** The statement's code with comments removed (string literals kept). */
  readonly code: string;
  readonly line: number;
}

/**
 * The top-level statements of a TypeScript module, found by a small scanner that tracks comments,
 * string and template literals and bracket depth (the repository's style ends statements with `;`
 * or a closing brace). Loading the TypeScript compiler for this cost a second of every unit run.
 */
function topLevelStatements(text: string): { statements: Statement[]; masked: string; literals: string[] } {
  const statements: Statement[] = [];
  // The module with every string literal replaced by a numbered placeholder (newlines kept).
  let masked = '';
  const literals: string[] = [];
  let depth = 0;
  let line = 1;
  let current = '';
  let currentLine = 1;
  const templateDepths: number[] = [];
  const end = () => {
    if (current.trim()) statements.push({ code: current.trim(), line: currentLine });
    current = '';
  };
  const emit = (chars: string, isLiteral = false) => {
    if (!current.trim() && chars.trim()) currentLine = line;
    current += chars;
    if (!isLiteral) masked += chars;
    else {
      literals.push(chars);
      masked += `"#${literals.length - 1}#"` + '\n'.repeat((chars.match(/\n/g) ?? []).length);
    }
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === '\n') line++;
    if (c === '/' && next === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      i--;
      continue;
    }
    if (c === '/' && next === '*') {
      const close = text.indexOf('*/', i + 2);
      const stop = close < 0 ? text.length : close + 2;
      line += (text.slice(i, stop).match(/\n/g) ?? []).length;
      i = stop - 1;
      continue;
    }
    if (c === "'" || c === '"' || (c === '`') || (c === '}' && templateDepths.at(-1) === depth)) {
      // A string, a template, or the rest of a template after `${…}`.
      const quote = c === '}' ? '`' : c;
      if (c === '}') templateDepths.pop();
      let j = i + 1;
      let literal = c;
      for (; j < text.length; j++) {
        const d = text[j]!;
        if (d === '\n') line++;
        literal += d;
        if (d === '\\') {
          literal += text[++j] ?? '';
          continue;
        }
        if (d === quote) break;
        if (quote === '`' && d === '$' && text[j + 1] === '{') {
          literal += '{';
          j++;
          templateDepths.push(depth);
          break;
        }
      }
      emit(literal, true);
      i = j;
      continue;
    }
    emit(c);
    if (c === '{' || c === '(' || c === '[') depth++;
    else if (c === '}' || c === ')' || c === ']') {
      depth--;
      // A closing brace ends a statement (function, class) unless the statement goes on
      // (`import { a } from …`, `const a = { … };`, `f({ … }).then(…)`).
      if (c === '}' && depth === 0 && !/^\s*(from\b|as\b|[;,.)=:?&|+\-*/<>!])/.test(text.slice(i + 1, i + 40))) end();
    } else if (c === ';' && depth === 0) end();
  }
  end();
  return { statements, masked, literals };
}

const DECLARATION = /^(export\s+)?(default\s+)?(declare\s+)?(const|let|var|function|async\s+function|class|abstract\s+class|interface|type|enum|namespace|import|export)\b/;
const CALL = /^(await\s+|void\s+)?\(?\s*(new\s+)?[A-Za-z_$][\w$]*(\s*\.\s*[A-Za-z_$][\w$]*)*\s*(<[^>]*>)?\s*\(/;

function importsOf(file: SourceFile): { imports: ImportRef[]; moduleLevelCalls: { line: number; text: string }[] } {
  const { statements, masked, literals } = topLevelStatements(file.text);
  const imports: ImportRef[] = [];
  const add = (line: number, specifier: string, typeOnly: boolean, sideEffectOnly: boolean) => {
    const target = resolveSpecifier(file.path, specifier);
    if (target !== undefined) imports.push({ target, line, typeOnly, sideEffectOnly });
  };
  const moduleLevelCalls: { line: number; text: string }[] = [];
  for (const { code: statement, line } of statements) {
    const sideEffect = /^import\s*(['"])([^'"]+)\1/.exec(statement);
    const fromClause = /^(import|export)\s+(type\s+)?[\s\S]*?\bfrom\s*(['"])([^'"]+)\3\s*;?$/.exec(statement);
    if (sideEffect) add(line, sideEffect[2]!, false, true);
    else if (fromClause) add(line, fromClause[4]!, Boolean(fromClause[2]), false);
    else if (!DECLARATION.test(statement) && CALL.test(statement)) moduleLevelCalls.push({ line, text: statement.slice(0, 80) });
  }
  // import('…') and require('…') anywhere in the file.
  for (const match of masked.matchAll(/\b(import|require)\s*\(\s*"#(\d+)#"/g)) {
    const literal = literals[Number(match[2])]!;
    if (/^['"]/.test(literal)) add(masked.slice(0, match.index).split('\n').length, literal.slice(1, -1), false, false);
  }
  return { imports, moduleLevelCalls };
}

/** Every violation of the layer rules among `files`. */
export function checkLayers(files: readonly SourceFile[]): LayerViolation[] {
  const violations: LayerViolation[] = [];
  for (const file of files) {
    const { imports, moduleLevelCalls } = importsOf(file);
    const inCharts = layerOf(file.path) === 'charts';
    for (const ref of imports) {
      if (layerOf(ref.target) === 'main') {
        violations.push({ file: file.path, line: ref.line, rule: 'main-import', message: `imports the CLI entry point main.ts; import render/pipeline instead` });
      } else if (!allowed(file.path, ref)) {
        violations.push({ file: file.path, line: ref.line, rule: 'layer', message: `${layerOf(file.path) === 'main' ? 'main.ts' : layerOf(file.path) + '/'} must not import ${ref.target}${ref.typeOnly ? ' (type-only)' : ''}` });
      }
      if (inCharts && ref.sideEffectOnly) {
        violations.push({ file: file.path, line: ref.line, rule: 'side-effect-import', message: `side-effect-only import of ${ref.target}: declare what it contributes on the ComponentDefinition` });
      }
    }
    if (inCharts) {
      for (const call of moduleLevelCalls) {
        violations.push({ file: file.path, line: call.line, rule: 'module-level-call', message: `module-level call \`${call.text}\`: a chart module must have no effect on being imported` });
      }
    }
  }
  return violations;
}

const SKIP = new Set(['node_modules', 'dist', '.cache', '.git', 'spark-jobs', 'dags']);

/** The repository's TypeScript sources. */
export function repositorySources(root: string): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (SKIP.has(entry.name) || entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|mts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        files.push({ path: relative(root, full).split(sep).join('/'), text: readFileSync(full, 'utf8') });
      }
    }
  };
  walk(root);
  return files.sort((a, b) => (a.path < b.path ? -1 : 1));
}
