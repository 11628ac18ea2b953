// Objects rendered for review but never applied by Argo CD (for example the SparkApplication
// specs the DAGs submit at run time). Their files start with Argo CD's skip marker.
import type { ApiObject } from 'cdk8s';

const marked = new WeakSet<ApiObject>();

export const ARGOCD_SKIP_MARKER = '# +argocd:skip-file-rendering';

export function markReviewOnly(obj: ApiObject): void {
  marked.add(obj);
}

export function isReviewOnly(obj: ApiObject): boolean {
  return marked.has(obj);
}
