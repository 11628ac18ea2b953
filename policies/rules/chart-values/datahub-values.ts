// Shared knowledge about the DataHub charts' values for the datahub-* rules: which keys hold
// resources and which name the Secrets the pods read.
import type { ChartValues, Finding } from '../../types';
import { valueAt } from '../../helpers';

export const DATAHUB_CHART = 'datahub';
export const PREREQUISITES_CHART = 'datahub-prerequisites';

export const finding = (chart: ChartValues, message: string): Finding => ({ message, document: chart.application });
export const enabled = (values: Record<string, any>, path: string, byDefault: boolean) => {
  const flag = valueAt(values, `${path}.enabled`);
  return flag === undefined ? byDefault : flag === true;
};

/** Containers of the datahub chart (1.1.0) with their resources keys; consumers only in standalone mode. */
export function datahubResourcePaths(values: Record<string, any>): string[] {
  const paths = ['datahubSystemUpdate.resources'];
  if (enabled(values, 'datahub-gms', true)) paths.push('datahub-gms.resources');
  if (enabled(values, 'datahub-frontend', true)) paths.push('datahub-frontend.resources');
  if (enabled(values, 'acryl-datahub-actions', true)) paths.push('acryl-datahub-actions.resources');
  if (valueAt(values, 'global.datahub_standalone_consumers_enabled') === true) paths.push('datahub-mae-consumer.resources', 'datahub-mce-consumer.resources');
  return paths;
}

/** Containers of the prerequisites chart (0.3.0): OpenSearch, MySQL's primary, Kafka's controllers/brokers. */
export function prerequisitesResourcePaths(values: Record<string, any>): string[] {
  const paths: string[] = [];
  if (enabled(values, 'opensearch', true)) paths.push('opensearch.resources');
  if (enabled(values, 'mysql', true)) paths.push('mysql.primary.resources');
  if (enabled(values, 'kafka', true)) {
    if ((valueAt(values, 'kafka.controller.replicaCount') ?? 1) > 0) paths.push('kafka.controller.resources');
    if ((valueAt(values, 'kafka.broker.replicaCount') ?? 0) > 0) paths.push('kafka.broker.resources');
  }
  return paths;
}

/** Every Secret the datahub chart's pods read by name, with where the values name it. */
export function datahubSecretReferences(values: Record<string, any>): { where: string; secret: string }[] {
  const refs: { where: string; secret: string }[] = [];
  const add = (where: string) => {
    const secret = valueAt(values, where);
    if (typeof secret === 'string' && secret !== '') refs.push({ where, secret });
  };
  add('global.sql.datasource.password.secretRef');
  add('global.datahub.metadata_service_authentication.systemClientSecret.secretRef');
  add('global.datahub.metadata_service_authentication.tokenService.signingKey.secretRef');
  add('global.datahub.metadata_service_authentication.tokenService.salt.secretRef');
  add('global.datahub.encryptionKey.secretRef');
  add('datahub-frontend.existingGmsSecret.name');
  for (const component of ['datahub-gms', 'datahub-frontend', 'acryl-datahub-actions']) {
    (valueAt(values, `${component}.extraVolumes`) ?? []).forEach((v: any, i: number) => {
      if (v?.secret?.secretName) refs.push({ where: `${component}.extraVolumes[${i}].secret.secretName`, secret: v.secret.secretName });
    });
  }
  return refs;
}
