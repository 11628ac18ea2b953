import { quantityValue } from '../../../environments/load';
import { containersOf } from '../../pod-specs';
import type { DocumentRule } from '../../types';

export const containerResources: DocumentRule = {
  id: 'RES-001',
  title: 'Every container has CPU and memory requests and limits, requests within limits',
  severity: 'error',
  rationale: 'Unbounded containers starve their neighbours and defeat quota-based capacity planning.',
  remediation: 'Give the container resources.requests and resources.limits for cpu and memory (sizing comes from environments/<env>.yaml), with each request at or below its limit.',
  family: 1,
  scope: 'document',
  check: ({ object }) =>
    containersOf(object).flatMap(({ path, container }) => {
      const findings: string[] = [];
      for (const kind of ['requests', 'limits'] as const) {
        for (const resource of ['cpu', 'memory'] as const) {
          if (container.resources?.[kind]?.[resource] === undefined) findings.push(`${path} has no ${kind}.${resource}`);
        }
      }
      for (const resource of ['cpu', 'memory'] as const) {
        const request = container.resources?.requests?.[resource];
        const limit = container.resources?.limits?.[resource];
        if (request !== undefined && limit !== undefined && quantityValue(String(request)) > quantityValue(String(limit))) {
          findings.push(`${path} requests ${resource} ${request} above its limit ${limit}`);
        }
      }
      return findings.map((message) => ({ message }));
    }),
};
