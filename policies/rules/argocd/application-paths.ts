import type { EnvironmentRule } from '../../types';
import { directoryPaths, isApplication } from './application-sources';

export const applicationPaths: EnvironmentRule = {
  id: 'ARGO-002',
  title: "Every Application's directory path exists in this environment's dist folder",
  severity: 'error',
  rationale: 'A path that does not exist syncs nothing (or, with prune, deletes everything the Application owned).',
  remediation: 'Point the Application\'s source path at an existing dist/<env>/<component> folder, or render that folder.',
  family: 9,
  scope: 'environment',
  check: ({ env, documents, folders }) =>
    documents.filter(isApplication).flatMap((document) =>
      directoryPaths(document.object)
        .filter((path) => !(path.startsWith(`dist/${env}/`) && folders.includes(path.slice(`dist/${env}/`.length))))
        .map((path) => ({ document, message: `source path ${path} does not exist under dist/${env}/` })),
    ),
};
