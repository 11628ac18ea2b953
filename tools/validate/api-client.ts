// Raw HTTP requests to the API server with the kubeconfig's own credentials (client-node's auth
// machinery). Raw because client-node's typed serializer drops unknown fields on built-in kinds and
// has no fieldValidation parameter, so the server would never see what we want it to judge.
import { request as httpsRequest, type RequestOptions } from 'node:https';
import { request as httpRequest } from 'node:http';
import { KubeConfig } from '@kubernetes/client-node';

export interface ApiResponse {
  readonly status: number;
  readonly body: string;
  /** Values of the Warning headers the server sent (deprecations, ignored fields...). */
  readonly warnings: string[];
}

export class ApiClient {
  private readonly server: URL;

  constructor(private readonly kubeConfig: KubeConfig) {
    const cluster = kubeConfig.getCurrentCluster();
    if (!cluster) throw new Error('the kubeconfig has no current cluster');
    this.server = new URL(cluster.server);
  }

  static fromDefault(): ApiClient {
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromDefault();
    return new ApiClient(kubeConfig);
  }

  static fromFile(path: string): ApiClient {
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromFile(path);
    return new ApiClient(kubeConfig);
  }

  get serverUrl(): string {
    return this.server.toString();
  }

  async request(method: string, path: string, body?: string, contentType?: string): Promise<ApiResponse> {
    const options: RequestOptions = { method, headers: { Accept: 'application/json' } };
    await this.kubeConfig.applyToHTTPSOptions(options);
    const headers: Record<string, string | number> = { ...(options.headers as Record<string, string>) };
    if (body !== undefined) {
      headers['Content-Type'] = contentType ?? 'application/json';
      headers['Content-Length'] = Buffer.byteLength(body);
    }
    const basePath = this.server.pathname.replace(/\/$/, '');
    const send = this.server.protocol === 'http:' ? httpRequest : httpsRequest;
    return new Promise<ApiResponse>((resolve, reject) => {
      const req = send(
        {
          ...options,
          headers,
          protocol: this.server.protocol,
          hostname: this.server.hostname,
          port: this.server.port,
          path: basePath + path,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const warning = res.headers['warning'];
            const warnings = (Array.isArray(warning) ? warning : warning ? [warning] : []).map((w) =>
              w.replace(/^299 - "?/, '').replace(/"$/, '').replace(/\\"/g, '"'),
            );
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), warnings });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.setTimeout(60_000, () => req.destroy(new Error(`${method} ${path}: no answer within 60s`)));
      if (body !== undefined) req.write(body);
      req.end();
    });
  }

  /**
   * A watch (`?watch=1`) streamed line by line: each event is handed to onEvent as it arrives.
   * Resolves when the server ends the stream (its timeout) or stop() is called.
   */
  async watch(path: string, onEvent: (event: { type: string; object: Record<string, unknown> }) => void): Promise<{ done: Promise<void>; stop: () => void }> {
    const options: RequestOptions = { method: 'GET', headers: { Accept: 'application/json' } };
    await this.kubeConfig.applyToHTTPSOptions(options);
    const send = this.server.protocol === 'http:' ? httpRequest : httpsRequest;
    let stop = () => {};
    const done = new Promise<void>((resolve, reject) => {
      const req = send(
        { ...options, protocol: this.server.protocol, hostname: this.server.hostname, port: this.server.port, path: this.server.pathname.replace(/\/$/, '') + path },
        (res) => {
          if (res.statusCode !== 200) {
            reject(new Error(`watch ${path}: HTTP ${res.statusCode}`));
            res.resume();
            return;
          }
          let buffer = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            buffer += chunk;
            let newline: number;
            while ((newline = buffer.indexOf('\n')) >= 0) {
              const line = buffer.slice(0, newline).trim();
              buffer = buffer.slice(newline + 1);
              if (line) onEvent(JSON.parse(line) as { type: string; object: Record<string, unknown> });
            }
          });
          res.on('end', () => resolve());
          res.on('error', () => resolve());
        },
      );
      req.on('error', (error) => (stopped ? resolve() : reject(error)));
      let stopped = false;
      stop = () => {
        stopped = true;
        req.destroy();
        resolve();
      };
      req.end();
    });
    return { done, stop: () => stop() };
  }

  async getJson<T>(path: string): Promise<T | undefined> {
    const res = await this.request('GET', path);
    if (res.status === 404) return undefined;
    if (res.status !== 200) throw new Error(`GET ${path}: HTTP ${res.status}: ${statusMessage(res.body)}`);
    return JSON.parse(res.body) as T;
  }
}

/** The message of a Kubernetes Status object, or the raw body when it is not one. */
export function statusMessage(body: string): string {
  try {
    const status = JSON.parse(body) as { message?: string };
    if (typeof status.message === 'string') return status.message;
  } catch {
    // not JSON: fall through to the raw text
  }
  return body.trim();
}
