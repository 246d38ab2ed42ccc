import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/app.factory';
import { AppConfig, loadConfig } from '../../src/core/config/app-config';
import { runMigrations } from '../../src/core/database/migrate';
import { createThrowawayDatabase, ThrowawayDatabase } from './test-db';
import { supertestRequester } from './http-client';

export interface Reply<T = any> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: T;
  text: string;
}

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  token?: string;
  domain?: string;
}

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  db: ThrowawayDatabase;
  request<T = any>(method: string, url: string, options?: RequestOptions): Promise<Reply<T>>;
  close(): Promise<void>;
}

/** Requests through Fastify inject, with the token/domain/body conveniences tests and benches use. */
export function requester(app: NestFastifyApplication): TestApp['request'] {
  return async (method, url, options = {}) => {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.domain) headers['x-takaro-domain'] = options.domain;
    let payload: string | undefined;
    if (options.body !== undefined) {
      payload = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await app.inject({ method: method as never, url, headers, payload });
    let body: any = res.body;
    try {
      body = JSON.parse(res.body);
    } catch {
      /* not JSON */
    }
    return { status: res.statusCode, headers: res.headers as Reply['headers'], body, text: res.body };
  };
}

/**
 * How `TestApp.request` reaches the app (see test/README.md, "HTTP transport"):
 * - `supertest`: real HTTP over a TCP socket; the app listens on an ephemeral 127.0.0.1 port.
 * - `inject`: Fastify inject, in process, no socket; for raw malformed input and large generated matrices.
 */
export type HttpTransport = 'supertest' | 'inject';

export interface TestAppOptions {
  /**
   * Default `inject`, so suites not yet moved to supertest keep today's behaviour. OUTPOST_TEST_TRANSPORT
   * (`inject` | `supertest`) overrides it for a run, e.g. to tell a transport difference from a real failure.
   */
  transport?: HttpTransport;
}

function chosenTransport(options: TestAppOptions): HttpTransport {
  const forced = process.env.OUTPOST_TEST_TRANSPORT;
  if (forced === 'inject' || forced === 'supertest') return forced;
  if (forced) throw new Error(`OUTPOST_TEST_TRANSPORT must be inject or supertest, not ${forced}`);
  return options.transport ?? 'inject';
}

/** The real application on a fresh, migrated database; requests go through Fastify inject unless `transport: 'supertest'`. */
export async function createTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const db = await createThrowawayDatabase('outpost_t', { migrated: true });
  // A no-op on a copy of the migrated template; migrates an empty database when the file runs on its own.
  await runMigrations(db.url);
  const config = loadConfig({
    DATABASE_URL: db.url,
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    // Test files log many users in from one address; the limit itself is tested on its own app.
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
    ...env,
  });
  const app = await createApp(config, { quiet: true });
  await app.getHttpAdapter().getInstance().ready();
  const request = chosenTransport(options) === 'supertest' ? await supertestRequester(app) : requester(app);
  return {
    app,
    config,
    db,
    request,
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
