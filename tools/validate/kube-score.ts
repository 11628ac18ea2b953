// Runs the pinned kube-score over rendered files and turns its JSON (v2) report into findings.
import { execFileSync } from 'node:child_process';
import { isAbsolute, join, relative } from 'node:path';
import type { LinterFinding } from './linter-findings';

interface ScoredObject {
  type_meta: { kind?: string; apiVersion?: string };
  object_meta: { name?: string; namespace?: string };
  file_name: string;
  checks: {
    check: { id: string; name: string };
    grade: number;
    skipped: boolean;
    comments: { path: string; summary: string; description: string }[] | null;
  }[] | null;
}

/** kube-score grades: 1 critical, 5 warning, 7 almost ok, 10 ok. */
const GRADE_OK = 10;

export function parseKubeScore(env: string, json: string, cwd: string): LinterFinding[] {
  const objects = (JSON.parse(json) ?? []) as ScoredObject[];
  const findings: LinterFinding[] = [];
  for (const object of objects) {
    for (const score of object.checks ?? []) {
      if (score.skipped || score.grade >= GRADE_OK) continue;
      const comments = (score.comments ?? []).map((c) => [c.path, c.summary, c.description].filter(Boolean).join(': '));
      findings.push({
        tool: 'kube-score',
        rule: `kube-score:${score.check.id}`,
        env,
        kind: object.type_meta.kind ?? '?',
        namespace: object.object_meta.namespace,
        name: object.object_meta.name ?? '?',
        file: isAbsolute(object.file_name) ? relative(cwd, object.file_name) : object.file_name,
        message: `${score.check.name}${score.grade <= 1 ? ' (critical)' : ''}: ${comments.join('; ') || 'failed'}`,
      });
    }
  }
  return findings;
}

export function runKubeScore(binDir: string, env: string, files: string[], cwd: string): LinterFinding[] {
  if (files.length === 0) return [];
  let output: string;
  try {
    output = execFileSync(
      join(binDir, 'kube-score'),
      [
        'score', '--output-format', 'json', '--kubernetes-version', 'v1.28',
        // Exemptions live in the repository's own mechanism, never in per-object annotations.
        '--disable-ignore-checks-annotations', '--disable-optional-checks-annotations',
        ...files,
      ],
      { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] },
    );
  } catch (error) {
    // kube-score exits 1 when it has critical findings; its report is still on stdout.
    const failed = error as { status?: number; stdout?: string; stderr?: string };
    if (failed.status !== 1 || !failed.stdout) throw new Error(`kube-score failed: ${failed.stderr ?? error}`);
    output = failed.stdout;
  }
  return parseKubeScore(env, output, cwd);
}
