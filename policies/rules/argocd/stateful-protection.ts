import type { EnvironmentRule, Finding } from '../../types';
import { CHART_PROTECTION_KEYS, PROTECTED_SYNC_OPTIONS, SYNC_OPTIONS_ANNOTATION, missingProtection, statefulReason } from '../../../charts/shared/protection';
import { valueAt } from '../vault/chart-pods';

// remediation: annotate the object with `argocd.argoproj.io/sync-options: Prune=false,Delete=false`
// (protectedAnnotations() from charts/shared/protection.ts; for an upstream chart, at the values key
// listed in CHART_PROTECTION_KEYS).
export const statefulProtection: EnvironmentRule = {
  id: 'ARGO-006',
  title: 'Stateful objects carry Prune=false and Delete=false, ours and the upstream charts\'',
  severity: 'error',
  rationale:
    'A bad commit that removes a Namespace, a volume, a StatefulSet with volumes, a database Cluster or an Application must not delete the data: Argo CD keeps objects marked Prune=false on sync and Delete=false on Application deletion.',
  family: 9,
  scope: 'environment',
  check: (rendered) => {
    const findings: Finding[] = [];
    for (const doc of rendered.documents) {
      if (doc.reviewOnly) continue;
      const reason = statefulReason(doc.object);
      if (!reason) continue;
      const missing = missingProtection(doc.object.metadata.annotations);
      if (missing.length > 0) {
        findings.push({ document: doc, message: `${reason} without ${missing.join(', ')} in ${SYNC_OPTIONS_ANNOTATION}` });
      }
    }
    for (const chart of rendered.charts) {
      for (const path of CHART_PROTECTION_KEYS[chart.chart] ?? []) {
        const annotations = valueAt(chart.values, path);
        const missing = missingProtection(annotations && typeof annotations === 'object' ? annotations : undefined);
        if (missing.length > 0) {
          findings.push({
            document: chart.application,
            message: `chart ${chart.chart}: values ${path} lacks ${SYNC_OPTIONS_ANNOTATION}: ${PROTECTED_SYNC_OPTIONS} (missing ${missing.join(', ')})`,
          });
        }
      }
    }
    return findings;
  },
};
