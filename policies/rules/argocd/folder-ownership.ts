import type { EnvironmentRule, RenderedDocument } from '../../types';
import { directoryPaths, isApplication } from './application-sources';

export const folderOwnership: EnvironmentRule = {
  id: 'ARGO-001',
  title: 'Every dist/<env>/<component> folder is owned by exactly one Application',
  severity: 'error',
  rationale: 'An unowned folder is never deployed; a folder owned twice makes two Applications fight over the same objects.',
  remediation: 'Give the folder exactly one Application with a directory source at dist/<env>/<folder>, or delete the folder.',
  family: 9,
  scope: 'environment',
  check: ({ env, documents, folders }) => {
    const owners = new Map<string, RenderedDocument[]>();
    // One Application may be rendered twice (the hand-applied bootstrap.yaml copies the root
    // application that the Argo CD component owns): it owns its folder once.
    const seen = new Set<string>();
    for (const app of documents.filter(isApplication)) {
      if (seen.has(app.object.metadata.name)) continue;
      seen.add(app.object.metadata.name);
      for (const path of directoryPaths(app.object)) owners.set(path, [...(owners.get(path) ?? []), app]);
    }
    const findings: { document: RenderedDocument; message: string }[] = [];
    for (const folder of folders) {
      const owning = owners.get(`dist/${env}/${folder}`) ?? [];
      const anchor = documents.find((d) => d.component === folder) ?? documents[0];
      if (owning.length === 0 && anchor) findings.push({ document: anchor, message: `folder dist/${env}/${folder} is owned by no Application` });
      if (owning.length > 1) {
        for (const app of owning) findings.push({ document: app, message: `folder dist/${env}/${folder} is also owned by ${owning.filter((o) => o !== app).map((o) => o.object.metadata.name).join(', ')}` });
      }
    }
    return findings;
  },
};
