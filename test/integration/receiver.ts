import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The body exactly as it arrived (signatures are computed over these bytes). */
  raw: string;
}

export interface Receiver {
  port: number;
  url(path: string): string;
  requests: Received[];
  /** Requests to one path. */
  at(path: string): Received[];
  /** The status a path answers (default 200). */
  answer(path: string, status: number, body?: string): void;
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 that records every request's raw body and headers. */
export async function startReceiver(): Promise<Receiver> {
  const requests: Received[] = [];
  const answers = new Map<string, { status: number; body: string }>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      requests.push({ method: req.method ?? '', path, headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') });
      const a = answers.get(path) ?? { status: 200, body: 'ok' };
      res.writeHead(a.status, { 'content-type': 'text/plain' }).end(a.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    requests,
    at: (path) => requests.filter((r) => r.path === path),
    answer: (path, status, body = '') => void answers.set(path, { status, body }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port where nothing listens (a receiver that was there a moment ago). */
export async function closedPortUrl(path: string): Promise<string> {
  const r = await startReceiver();
  await r.close();
  return r.url(path);
}
