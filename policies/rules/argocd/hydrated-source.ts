import type { DocumentRule } from '../../types';
import { isApplication } from './application-sources';

/**
 * Every Application deploys one folder of this repository as a plain directory: upstream charts
 * are hydrated into that folder at render time (docs/decisions/0032), so what Argo CD applies is
 * exactly what was reviewed, policed and validated. A Helm source would render at sync time,
 * unseen; a second source would apply objects from elsewhere.
 */
export const hydratedSource: DocumentRule = {
  id: 'ARGO-007',
  title: 'Applications deploy one hydrated folder of this repository: no Helm or chart sources',
  severity: 'error',
  rationale: 'A Helm source renders at sync time, so its objects are never reviewed, policed or validated; the rendered folder is the whole truth.',
  remediation: "Render the chart into the component's folder (ComponentDefinition.helm; render/hydrate) and give the Application one directory source.",
  family: 9,
  params: undefined,
  scope: 'document',
  check: (doc) => {
    if (!isApplication(doc)) return [];
    const spec = doc.object.spec ?? {};
    const sources: any[] = spec.sources ?? (spec.source ? [spec.source] : []);
    const findings: string[] = [];
    if (sources.length !== 1) findings.push(`has ${sources.length} sources, expected exactly one directory source`);
    for (const source of sources) {
      if (source.chart || source.helm) findings.push(`source ${source.repoURL} installs chart ${source.chart ?? '(helm)'} at sync time`);
      else if (typeof source.path !== 'string') findings.push(`source ${source.repoURL} names no folder (path)`);
    }
    return findings.map((message) => ({ message }));
  },
};
