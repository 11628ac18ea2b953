// NetworkPolicy vocabulary shared by the namespace baseline (charts/namespaces: default deny and the
// DNS allow) and the policies generated from declared flows (charts/shared/flows.ts).
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';
