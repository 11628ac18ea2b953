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
import * as ts from 'typescript';

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

function importsOf(file: SourceFile): { imports: ImportRef[]; moduleLevelCalls: { line: number; text: string }[] } {
  const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.ES2022, false);
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const imports: ImportRef[] = [];
  const add = (node: ts.Node, specifier: string, typeOnly: boolean, sideEffectOnly: boolean) => {
    const target = resolveSpecifier(file.path, specifier);
    if (target !== undefined) imports.push({ target, line: lineOf(node), typeOnly, sideEffectOnly });
  };
  const moduleLevelCalls: { line: number; text: string }[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      add(statement, statement.moduleSpecifier.text, Boolean(statement.importClause?.isTypeOnly), statement.importClause === undefined);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      add(statement, statement.moduleSpecifier.text, statement.isTypeOnly, false);
    } else if (ts.isExpressionStatement(statement)) {
      let expression = statement.expression;
      while (ts.isAwaitExpression(expression) || ts.isVoidExpression(expression) || ts.isParenthesizedExpression(expression)) expression = expression.expression;
      if (ts.isCallExpression(expression) || ts.isNewExpression(expression)) moduleLevelCalls.push({ line: lineOf(statement), text: statement.getText(source).slice(0, 80) });
    }
  }
  // import('…') and require('…') anywhere in the file.
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && node.arguments.length > 0 && ts.isStringLiteralLike(node.arguments[0])) {
      const isDynamicImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if (isDynamicImport || isRequire) add(node, node.arguments[0].text, false, false);
    }
    ts.forEachChild(node, visit);
  };
  if (/\b(import|require)\s*\(/.test(file.text)) visit(source);
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
