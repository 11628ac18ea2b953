// Every component of the platform, in no particular order: Argo CD sync waves are derived from
// `dependsOn`. To add a component, write charts/<id>/index.ts and list it here.
import type { ComponentDefinition } from './shared/component';
import { airflowComponent } from './airflow';
import { argocdComponent } from './argocd';
import { datahubComponent, datahubPrerequisitesComponent } from './datahub';
import { monitoringComponent } from './monitoring';
import { namespacesComponent } from './namespaces';
import { pipelinesComponent } from './pipelines';
import { pushgatewayComponent } from './pushgateway';
import { certManagerComponent } from './cert-manager';
import { cnpgComponent } from './cnpg';
import { icebergCatalogComponent } from './iceberg-catalog';
import { objectStoreComponent } from './object-store';
import { postgresComponent } from './postgres';
import { sparkOperatorComponent } from './spark-operator';
import { vaultComponent } from './vault';
import { vaultConfigComponent } from './vault-config';
import { vaultSecretsOperatorComponent } from './vault-secrets-operator';

export const COMPONENTS: readonly ComponentDefinition[] = [namespacesComponent, pipelinesComponent, monitoringComponent, airflowComponent, argocdComponent, vaultComponent, vaultConfigComponent, objectStoreComponent, sparkOperatorComponent, vaultSecretsOperatorComponent, cnpgComponent, certManagerComponent, postgresComponent, icebergCatalogComponent, datahubPrerequisitesComponent, datahubComponent, pushgatewayComponent];
