// helmTplLiteral through real helm: a throwaway chart that does what the Airflow chart does with
// podAnnotations (`tpl (toYaml .Values.texts) .`) must print every text back unchanged.
// Integration project (runs tools/go/build.sh's helm).
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { helmTplLiteral } from '../../../charts/shared/helm-tpl';
import { helmBinary } from '../../../render/hydrate/helm';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'gridata-helm-tpl-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TEXTS: Record<string, string> = {
  vaultTemplate: '{{- with secret "kv/data/dev/x" -}}\n[default]\nkey = {{ .Data.data.key }}\n{{- end }}\n',
  adjacent: '{{ a }}{{ b }}',
  braceRuns: '{}} {{{x}}} }}}{{{ {{}}',
  loneBraces: '{ } a{b}c {',
  // Characters that make toYaml pick a quoted or block style.
  quotes: `"double" 'single' \`back\` {{ "q" }}`,
  yamlIndicators: '{{ x }}: - # & * ! | > % @',
  leadingSpaceAndTrailingNewlines: '  {{ x }}\n\n',
  plain: 'true',
};

async function helmTpl(texts: Record<string, string>): Promise<Record<string, string>> {
  const chart = join(dir, 'chart');
  mkdirSync(join(chart, 'templates'), { recursive: true });
  writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: tpl-check\nversion: 0.0.1\n');
  writeFileSync(join(chart, 'templates', 'configmap.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: tpl-check\ndata:\n  {{- tpl (toYaml .Values.texts) . | nindent 2 }}\n');
  writeFileSync(join(dir, 'values.json'), JSON.stringify({ texts }));
  const { stdout } = await run(helmBinary(), ['template', 'x', chart, '--values', join(dir, 'values.json')], { env: { PATH: process.env.PATH, HOME: dir } });
  return parse(stdout).data;
}

describe('helmTplLiteral through helm tpl', () => {
  it('comes back byte for byte', async () => {
    const literal = Object.fromEntries(Object.entries(TEXTS).map(([k, v]) => [k, helmTplLiteral(v)]));
    expect(await helmTpl(literal)).toEqual(TEXTS);
  });

  it('is needed: the raw Vault template does not survive tpl', async () => {
    await expect(helmTpl({ vaultTemplate: TEXTS.vaultTemplate! })).rejects.toThrow(/function "secret" not defined/);
  });
});
