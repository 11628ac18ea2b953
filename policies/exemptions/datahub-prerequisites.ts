// Exemptions for objects the upstream chart of component "datahub-prerequisites" renders into dist/<env>/datahub-prerequisites/ that
// cannot meet a rule: one entry per object and rule, with the reason and an expiry (no blanket ones).
// What values could fix is fixed in charts/datahub/prerequisites-values.ts (pull policy, scratch
// bounds, restricted security contexts, distinct liveness/readiness probes, MySQL's token) and
// charts/datahub/prerequisites-post-render.ts (OpenSearch's config init container, MySQL's pod token).
import type { Exemption } from '../types';
import { componentExemptions, type Entry } from './entries';

const REVIEW_BY = '2027-03-31';
const NAMESPACE = 'datahub';

const KAFKA_SELECTED =
  "Bitnami kafka 26.11.2 selects its controller pods by app.kubernetes.io/part-of=kafka (StatefulSet selector and headless Service; no value changes it), so render/standard-labels.ts keeps the chart's part-of on every object carrying the selector's labels";
const OPENSEARCH_WRITES =
  'OpenSearch writes its logs under /usr/share/opensearch/logs, its keystore and security-plugin files under /usr/share/opensearch/config and JNA/temp files under /tmp; chart 2.19.0 mounts only the data volume and opensearch.yml there';
const MYSQL_WRITES =
  'the bitnamilegacy MySQL image writes under /opt/bitnami/mysql (conf, tmp, logs) and /tmp at start; Bitnami mysql 9.4.9 mounts no volumes there (later chart versions do)';
const IMAGE_USER = (image: string, uid: number) =>
  `${image} runs as its image user (uid ${uid}), which owns its files and the persisted volume (fsGroup ${uid}); a new uid would need the existing data re-owned. Still non-root, no privilege escalation, all capabilities dropped, RuntimeDefault seccomp`;

const ENTRIES: readonly Entry[] = [
  { rule: 'META-001', kind: 'ConfigMap', name: 'prerequisites-kafka-controller-configuration', reason: KAFKA_SELECTED },
  { rule: 'META-001', kind: 'Service', name: 'prerequisites-kafka-controller-headless', reason: KAFKA_SELECTED },
  { rule: 'META-001', kind: 'StatefulSet', name: 'prerequisites-kafka-controller', reason: `object and pod template: ${KAFKA_SELECTED}` },
  { rule: 'PSS-002', kind: 'StatefulSet', name: 'opensearch-cluster-master', reason: `opensearch container: ${OPENSEARCH_WRITES}` },
  { rule: 'PSS-002', kind: 'StatefulSet', name: 'prerequisites-mysql', reason: `mysql container: ${MYSQL_WRITES}` },
  // kube-score
  { rule: 'kube-score:container-security-context-readonlyrootfilesystem', kind: 'StatefulSet', name: 'opensearch-cluster-master', reason: `as PSS-002: ${OPENSEARCH_WRITES}` },
  { rule: 'kube-score:container-security-context-readonlyrootfilesystem', kind: 'StatefulSet', name: 'prerequisites-mysql', reason: `as PSS-002: ${MYSQL_WRITES}` },
  { rule: 'kube-score:container-security-context-user-group-id', kind: 'StatefulSet', name: 'opensearch-cluster-master', reason: IMAGE_USER('opensearchproject/opensearch (and its configfile init container)', 1000) },
  { rule: 'kube-score:container-security-context-user-group-id', kind: 'StatefulSet', name: 'prerequisites-kafka-controller', reason: IMAGE_USER('bitnamilegacy/kafka (and its kafka-init container)', 1001) },
  { rule: 'kube-score:container-security-context-user-group-id', kind: 'StatefulSet', name: 'prerequisites-mysql', reason: IMAGE_USER('bitnamilegacy/mysql', 1001) },
  {
    rule: 'kube-score:statefulset-has-servicename',
    kind: 'StatefulSet',
    name: 'prerequisites-mysql',
    reason: 'Bitnami mysql 9.4.9 sets serviceName to the ClusterIP Service prerequisites-mysql, not its headless one (templates/primary/statefulset.yaml, no value); serviceName is immutable, and a single primary needs no per-pod DNS',
  },
];

export const EXEMPTIONS: readonly Exemption[] = componentExemptions(NAMESPACE, REVIEW_BY, ENTRIES);
