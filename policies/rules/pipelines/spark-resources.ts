import type { DocumentRule } from '../../types';
import { isSparkApplication, sparkPodsOf } from './spark-applications';

const CPU = /^([0-9]+)(m?)$|^([0-9]*\.[0-9]+)$/;
const SPARK_MEMORY = /^[0-9]+[kmgt]$/;
export const VAULT_AGENT_SIZING = ['agent-requests-cpu', 'agent-requests-mem', 'agent-limits-cpu', 'agent-limits-mem'] as const;

/** Millicores of a Kubernetes CPU quantity, or undefined when it is not one. */
export function millicores(quantity: unknown): number | undefined {
  const m = CPU.exec(String(quantity));
  if (!m) return undefined;
  if (m[3] !== undefined) return Math.round(Number(m[3]) * 1000);
  return m[2] === 'm' ? Number(m[1]) : Number(m[1]) * 1000;
}

export const sparkResources: DocumentRule = {
  id: 'PIPE-001',
  title: 'Spark driver and executor (and their Vault agent) have CPU and memory requests and limits',
  severity: 'error',
  rationale: 'Spark pods without cores, coreLimit, memory and overhead get namespace defaults that fit neither the job nor the quota.',
  remediation: 'Set cores, coreLimit, memory and memoryOverhead on driver and executor from pipelines.spark in environments/<env>.yaml, and the vault.hashicorp.com/agent-{requests,limits}-{cpu,mem} annotations.',
  family: 1,
  scope: 'document',
  check: ({ object }) => {
    if (!isSparkApplication(object)) return [];
    const findings: string[] = [];
    for (const { path, pod } of sparkPodsOf(object)) {
      if (!Number.isInteger(pod.cores) || pod.cores < 1) findings.push(`${path}.cores must be a whole number ≥ 1 (the CPU request), found ${JSON.stringify(pod.cores)}`);
      const limit = millicores(pod.coreLimit);
      if (pod.coreLimit === undefined) findings.push(`${path}.coreLimit is missing (the CPU limit)`);
      else if (limit === undefined) findings.push(`${path}.coreLimit ${JSON.stringify(pod.coreLimit)} is not a CPU quantity`);
      else if (Number.isInteger(pod.cores) && limit < pod.cores * 1000) findings.push(`${path}.coreLimit ${pod.coreLimit} is below cores ${pod.cores}`);
      for (const key of ['memory', 'memoryOverhead']) {
        if (!SPARK_MEMORY.test(String(pod[key] ?? ''))) {
          findings.push(`${path}.${key} must be set as <n>k|m|g|t (the pod's memory request and limit), found ${JSON.stringify(pod[key])}`);
        }
      }
      const annotations: Record<string, string> = pod.annotations ?? {};
      if (annotations['vault.hashicorp.com/agent-inject'] === 'true') {
        for (const key of VAULT_AGENT_SIZING) {
          if (!annotations[`vault.hashicorp.com/${key}`]) findings.push(`${path}: the injected Vault agent has no vault.hashicorp.com/${key} annotation`);
        }
      }
    }
    return findings.map((message) => ({ message }));
  },
};
