// helmTplLiteral: text that survives one Helm `tpl` pass unchanged. Here its exact form; helm itself
// renders it back in test/charts/airflow/airflow-chart.test.ts (integration project).
import { describe, expect, it } from 'vitest';
import { helmTplLiteral, helmTplLiterals } from '../../../charts/shared/helm-tpl';

describe('helmTplLiteral', () => {
  it('quotes each Go template delimiter as a raw-string action', () => {
    expect(helmTplLiteral('{{- with secret "kv/data/a" -}}\nx = {{ .Data.data.k }}\n{{- end }}')).toBe(
      '{{`{{`}}- with secret "kv/data/a" -{{`}}`}}\nx = {{`{{`}} .Data.data.k {{`}}`}}\n{{`{{`}}- end {{`}}`}}',
    );
    // Adjacent delimiters are one run.
    expect(helmTplLiteral('{{ a }}{{ b }}')).toBe('{{`{{`}} a {{`}}{{`}} b {{`}}`}}');
  });

  it('quotes a whole run of braces, so no brace of the text touches an added delimiter', () => {
    // Quoting `}}` alone in `{}}` would leave `{` before the added `{{` and make `{{{`, a parse error.
    expect(helmTplLiteral('{}}')).toBe('{{`{}}`}}');
    expect(helmTplLiteral('{{{x}}}')).toBe('{{`{{{`}}x{{`}}}`}}');
    expect(helmTplLiteral('a{b}c')).toBe('a{b}c');
  });

  it('leaves text without delimiters as it is', () => {
    expect(helmTplLiteral('kv/data/prod/object-store/users/airflow')).toBe('kv/data/prod/object-store/users/airflow');
    expect(helmTplLiteral('')).toBe('');
  });

  it('maps every value of an annotation map and keeps the keys', () => {
    expect(helmTplLiterals({ 'a/b': '{{ x }}', c: 'true' })).toEqual({ 'a/b': '{{`{{`}} x {{`}}`}}', c: 'true' });
  });
});
