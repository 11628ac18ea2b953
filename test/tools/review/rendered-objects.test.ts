// objectsOf: one object per key; the AppProject copies in apps/bootstrap.yaml are not a second rendering.
import { describe, expect, it } from 'vitest';
import { objectsOf } from '../../../tools/review/rendered-objects';

const project = (source: string) => `apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata:\n  name: gridata-dev-platform\n  namespace: argocd\nspec:\n  description: ${source}\n`;

describe('objectsOf', () => {
  it('keeps the owner of an AppProject that apps/bootstrap.yaml repeats, in either order', () => {
    for (const order of [['dev/apps/bootstrap.yaml', 'dev/argocd/appproject.argocd.gridata-dev-platform.yaml'], ['dev/argocd/appproject.argocd.gridata-dev-platform.yaml', 'dev/apps/bootstrap.yaml']]) {
      const files = new Map([
        ['dev/apps/bootstrap.yaml', project('copy')],
        ['dev/argocd/appproject.argocd.gridata-dev-platform.yaml', project('owner')],
      ]);
      const objects = [...objectsOf(files, order).values()];
      expect(objects.map((o) => [o.folder, o.file, (o.body as any).spec.description])).toEqual([['argocd', 'appproject.argocd.gridata-dev-platform.yaml', 'owner']]);
    }
  });

  it('refuses an object rendered twice outside the bootstrap manifest (failing fixture)', () => {
    const files = new Map([
      ['dev/argocd/a.yaml', project('one')],
      ['dev/vault/b.yaml', project('two')],
    ]);
    expect(() => objectsOf(files)).toThrow('dev/vault/b.yaml: AppProject argocd/gridata-dev-platform is rendered twice in dev');
  });
});
