import { containersOf } from '../../pod-specs';
import type { DocumentRule } from '../../types';

export const readOnlyRootFilesystem: DocumentRule = {
  id: 'PSS-002',
  title: 'Containers run with a read-only root filesystem',
  severity: 'error',
  rationale: 'A writable image filesystem lets an intruder persist tools and tamper with binaries; writable paths must be explicit volumes.',
  remediation: 'Set securityContext.readOnlyRootFilesystem: true and mount an emptyDir at each path the process writes to.',
  family: 2,
  scope: 'document',
  check: ({ object }) =>
    containersOf(object)
      .filter(({ container }) => container.securityContext?.readOnlyRootFilesystem !== true)
      .map(({ path }) => ({ message: `${path} does not set readOnlyRootFilesystem: true` })),
};
