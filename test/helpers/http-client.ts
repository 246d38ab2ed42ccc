import type { IncomingMessage } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import supertest from 'supertest';
import type { Reply, RequestOptions } from './test-app';

/** The request function both transports give: same options, same `Reply`. */
export type Requester = <T = any>(method: string, url: string, options?: RequestOptions) => Promise<Reply<T>>;

/**
 * Collects the reply body as raw bytes whatever its type (superagent would otherwise parse or drop binary bodies).
 * superagent calls a parser with the node response stream, which its types call `Response`.
 */
function rawBody(res: IncomingMessage, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
  res.on('error', (err) => done(err, Buffer.alloc(0)));
}

/**
 * Requests through supertest over a real TCP socket to the Nest app's Fastify server.
 *
 * The Fastify instance is made ready and the app listens once on an ephemeral 127.0.0.1 port (through Nest's
 * `app.listen`, so `app.close()` closes it and helpers that check `getHttpServer().listening` reuse it). supertest
 * sees a server that already listens and leaves it alone: no listen/close per request, so WebSocket clients and
 * agents connected to the same port stay up between requests.
 */
export async function supertestRequester(app: NestFastifyApplication): Promise<Requester> {
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.ready();
  const server = fastify.server;
  if (!server.listening) await app.listen({ port: 0, host: '127.0.0.1' });
  const client = supertest(server);

  return async (method, url, options = {}) => {
    const name = method.toLowerCase() as 'get';
    if (typeof client[name] !== 'function') throw new Error(`supertest has no method ${method}`);
    let test = client[name](url)
      // Every status is a reply to assert on, not an error; bodies stay raw bytes, decoded below like inject does.
      .ok(() => true)
      .buffer(true)
      .parse(rawBody as never);
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.domain) headers['x-takaro-domain'] = options.domain;
    let payload: string | undefined;
    if (options.body !== undefined) {
      payload = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
    }
    test = test.set(headers);
    if (payload !== undefined) test = test.send(payload);
    const res = await test;
    const text = Buffer.isBuffer(res.body) ? res.body.toString('utf8') : (res.text ?? '');
    let body: any = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, headers: res.headers, body, text };
  };
}
