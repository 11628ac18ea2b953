import { LONG_RUNNING_KINDS, podSpecsOf } from '../../pod-specs';
import type { DocumentRule } from '../../types';

export const probes: DocumentRule = {
  id: 'AVL-001',
  title: 'Long-running containers have readiness and liveness probes',
  severity: 'error',
  rationale: 'Without probes a wedged process keeps receiving traffic and is never restarted.',
  remediation: 'Add a readinessProbe and a livenessProbe to every container of the workload.',
  family: 4,
  scope: 'document',
  check: ({ object }) => {
    if (!(LONG_RUNNING_KINDS as readonly string[]).includes(object.kind)) return [];
    return podSpecsOf(object).flatMap((pod) =>
      (pod.spec.containers ?? []).flatMap((c: any, i: number) =>
        (['readinessProbe', 'livenessProbe'] as const)
          .filter((probe) => !c[probe])
          .map((probe) => ({ message: `${pod.path}.containers[${i}] (${c.name}) has no ${probe}` })),
      ),
    );
  },
};
