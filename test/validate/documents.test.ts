// The validator must send each document's exact text: what a parser would drop or merge
// (duplicate keys, unknown fields) is what the API server is asked to judge.
import { describe, expect, it } from 'vitest';
import { splitDocuments } from '../../tools/validate/documents';

const source = `# +argocd:skip-file-rendering
apiVersion: v1
kind: ConfigMap
metadata:
  name: first
  namespace: shop
data:
  mode: batch
data:
  mode: streaming
---
---
apiVersion: batch/v1
kind: Job
metadata:
  generateName: migrate-
  namespace: shop
spec:
  bogusField: true
`;

describe('splitDocuments', () => {
  const docs = splitDocuments('dist/dev/shop/mixed.yaml', source);

  it('skips empty documents and keeps the identity of the others', () => {
    expect(docs.map((d) => [d.index, d.kind, d.name, d.generateName, d.namespace])).toEqual([
      [0, 'ConfigMap', 'first', undefined, 'shop'],
      [1, 'Job', undefined, 'migrate-', 'shop'],
    ]);
  });

  it('keeps duplicate keys and unknown fields in the text sent to the server', () => {
    expect(docs[0].text.match(/^data:/gm)).toHaveLength(2);
    expect(docs[1].text).toContain('bogusField: true');
    expect(docs[0].syntaxError).toBeUndefined();
  });

  it('marks every document of a file carrying the Argo CD skip marker as review-only', () => {
    expect(docs.every((d) => d.reviewOnly)).toBe(true);
    expect(splitDocuments('x.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n')[0].reviewOnly).toBe(false);
  });

  it('reports a YAML syntax error instead of dropping the document', () => {
    const [broken] = splitDocuments('broken.yaml', 'apiVersion: v1\nkind: [ConfigMap\n');
    expect(broken.syntaxError).toBeTruthy();
    expect(broken.kind).toBeUndefined();
  });
});
