/**
 * Starts the real Outpost application on a throwaway database for a benchmark (the same
 * createApp the server and the tests use), with a TestApp-shaped handle so the test fixtures
 * (bootstrapAdmin, createDomain, createMember) work unchanged.
 */
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/core/config/app-config';
import { runMigrations } from '../../src/core/database/migrate';
import { requester, type TestApp } from '../../test/helpers/test-app';
import { createThrowawayDatabase, ThrowawayDatabase } from '../../test/helpers/test-db';

export const BENCH_JWT_SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';

/** Benchmarks hammer one client address: lift the per-address rate limit far above any run. */
export const BENCH_APP_ENV: Record<string, string> = {
  JWT_SECRET: BENCH_JWT_SECRET,
  // Request logging is off so the numbers measure the request path, not stdout.
  LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
  NODE_ENV: 'production',
  RATE_LIMIT_PER_MINUTE: '1000000000',
};

export async function migratedDatabase(): Promise<ThrowawayDatabase> {
  const db = await createThrowawayDatabase('outpost_bench');
  try {
    await runMigrations(db.url);
  } catch (err) {
    await db.drop();
    throw err;
  }
  return db;
}

/** The real app on `db`, listening on 127.0.0.1 (random port). */
export async function startOutpost(db: ThrowawayDatabase): Promise<TestApp & { port: number }> {
  const config = loadConfig({ DATABASE_URL: db.url, ...BENCH_APP_ENV });
  const app = await createApp(config, { quiet: true });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.getHttpServer().address() as AddressInfo).port;
  return {
    app,
    config,
    db,
    port,
    request: requester(app),
    async close() {
      await app.close();
    },
  };
}
