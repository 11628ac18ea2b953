// Serves bare git repositories over smart HTTP on loopback: a tiny Node HTTP server in front of
// git's own CGI backend (git http-backend), so Argo CD's repo-server fetches this repository the
// way it fetches any https remote (ls-remote, fetch, protocol v2), with no credentials.
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GitHttpServer {
  /** e.g. http://127.0.0.1:40123 — append `/<name>.git`. */
  readonly url: string;
  /** Requests served, by "<method> <path>" without the query (for the report). */
  readonly requests: Map<string, number>;
  close(): Promise<void>;
}

/** `projectRoot` holds bare repositories; `/<name>.git/...` is served from `<projectRoot>/<name>.git`. */
export async function startGitHttpServer(projectRoot: string): Promise<GitHttpServer> {
  const requests = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const key = `${req.method} ${url.pathname}`;
    requests.set(key, (requests.get(key) ?? 0) + 1);
    const cgi = spawn('git', ['http-backend'], {
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        GIT_PROJECT_ROOT: projectRoot,
        GIT_HTTP_EXPORT_ALL: '1',
        REQUEST_METHOD: req.method ?? 'GET',
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.replace(/^\?/, ''),
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        // git sends the protocol version (v2) in this header; the backend reads it from here.
        GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
        HTTP_CONTENT_ENCODING: String(req.headers['content-encoding'] ?? ''),
        REMOTE_ADDR: '127.0.0.1',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    req.pipe(cgi.stdin);
    let head = Buffer.alloc(0);
    let headersDone = false;
    const stderr: Buffer[] = [];
    cgi.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    cgi.stdout.on('data', (chunk: Buffer) => {
      if (headersDone) {
        res.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      const endLf = head.indexOf('\n\n');
      const split = end >= 0 ? { at: end, len: 4 } : endLf >= 0 ? { at: endLf, len: 2 } : undefined;
      if (!split) return;
      headersDone = true;
      let status = 200;
      for (const line of head.subarray(0, split.at).toString('latin1').split(/\r?\n/)) {
        const colon = line.indexOf(':');
        if (colon < 0) continue;
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
        else res.setHeader(name, value);
      }
      res.writeHead(status);
      res.write(head.subarray(split.at + split.len));
    });
    cgi.on('close', (code) => {
      if (!headersDone) {
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.write(`git http-backend exited with ${code}: ${Buffer.concat(stderr).toString()}`);
      }
      res.end();
    });
    cgi.on('error', (error) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
