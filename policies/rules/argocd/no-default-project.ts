import type { DocumentRule } from '../../types';

export const noDefaultProject: DocumentRule = {
  id: 'ARGO-003',
  title: 'Applications never use, and nothing defines, the default AppProject',
  severity: 'error',
  rationale: 'The default project allows every repository, destination and cluster-scoped kind.',
  remediation: 'Set spec.project to one of the rendered gridata AppProjects, and widen that AppProject (sourceRepos, destinations, resource whitelists) only as far as this Application needs.',
  family: 9,
  scope: 'document',
  check: ({ object }) => {
    if (!object.apiVersion?.startsWith('argoproj.io/')) return [];
    if (object.kind === 'Application' && (!object.spec?.project || object.spec.project === 'default')) return [{ message: 'spec.project is default (or empty)' }];
    if (object.kind === 'AppProject' && object.metadata.name === 'default') return [{ message: 'defines the default AppProject' }];
    return [];
  },
};
