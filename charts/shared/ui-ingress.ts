// A UI served at <ui>.<domain>: an Ingress of the environment's ingress class and the cert-manager
// Certificate of its TLS Secret, issued by the environment's UI issuer (ingress.issuer). The
// Certificate is rendered, not left to cert-manager's ingress annotations, so a reviewer sees it in
// dist/. The ingress controller's path to the UI pods is a flow of the receiving component (fromIngress).
import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { KubeIngress } from 'cdk8s-plus-28/lib/imports/k8s';
import type { Environment } from '../../environments/types';
import { uiIssuer } from '../cert-manager/constants';

export interface UiRoute {
  /** The host's first label: <ui>.<domain>; also names the Ingress, the Certificate and the TLS Secret. */
  readonly ui: string;
  readonly namespace: string;
  readonly service: string;
  readonly servicePort: number;
  /** The backend serves TLS itself (Argo CD's server, Vault): the controller speaks HTTPS to it. */
  readonly backendTls?: boolean;
}

export const uiHost = (env: Environment, ui: string) => `${ui}.${env.domain}`;
export const uiTlsSecret = (ui: string) => `${ui}-tls`;

/** ingress-nginx's annotation for an HTTPS backend (the controller of every environment file is ingress-nginx). */
export const BACKEND_PROTOCOL_ANNOTATION = 'nginx.ingress.kubernetes.io/backend-protocol';

export function renderUiIngress(scope: Construct, env: Environment, route: UiRoute): void {
  const host = uiHost(env, route.ui);
  const secretName = uiTlsSecret(route.ui);
  new ApiObject(scope, `ui-certificate-${route.ui}`, {
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: { name: secretName, namespace: route.namespace },
    spec: {
      secretName,
      dnsNames: [host],
      issuerRef: { group: 'cert-manager.io', kind: 'ClusterIssuer', name: uiIssuer(env) },
      privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' },
    },
  });
  new KubeIngress(scope, `ui-ingress-${route.ui}`, {
    metadata: {
      name: route.ui,
      namespace: route.namespace,
      ...(route.backendTls ? { annotations: { [BACKEND_PROTOCOL_ANNOTATION]: 'HTTPS' } } : {}),
    },
    spec: {
      ingressClassName: env.ingress.className,
      tls: [{ hosts: [host], secretName }],
      rules: [
        {
          host,
          http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: route.service, port: { number: route.servicePort } } } }] },
        },
      ],
    },
  });
}
