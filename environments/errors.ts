// A refused environment file: every problem names the file, the JSON pointer (and source
// line where known), what was expected and what was found.
export interface EnvironmentIssue {
  readonly file: string;
  readonly pointer: string;
  readonly line?: number;
  readonly expected: string;
  readonly found: string;
}

export class EnvironmentError extends Error {
  constructor(readonly issues: readonly EnvironmentIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'EnvironmentError';
  }
}

export function formatIssue(issue: EnvironmentIssue): string {
  const where = issue.line ? `${issue.file}:${issue.line}` : issue.file;
  return `${where}: ${issue.pointer || '/'}: expected ${issue.expected}, found ${issue.found}`;
}
