import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createApp } from './app.factory';
import { AppConfig, ConfigError, loadConfig } from './core/config/app-config';
import { startEmbeddedPostgres } from './core/database/embedded-postgres';
import { runMigrations } from './core/database/migrate';
import { startupLogger } from './core/logging/logging';
import { httpDrainOf } from './core/http/graceful-shutdown';
import { AgentChannel } from './modules/node/agent-channel.service';

// Plain lines at a terminal, JSON lines otherwise, like the request logs.
const say = startupLogger();

/** After SHUTDOWN_GRACE_MS, closing the rest (agent sockets, Redis, the pool) gets this long before the process exits anyway. */
const SHUTDOWN_MARGIN_MS = 5_000;

/** A generated signing secret is kept under DATA_DIR so sessions survive restarts. */
function ensureJwtSecret(config: AppConfig): void {
  if (config.JWT_SECRET) return;
  const file = resolve(config.DATA_DIR, 'jwt-secret');
  mkdirSync(resolve(config.DATA_DIR), { recursive: true });
  if (!existsSync(file)) writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  config.JWT_SECRET = readFileSync(file, 'utf8').trim();
}

async function main() {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  ensureJwtSecret(config);

  let stopEmbedded: (() => Promise<void>) | undefined;
  if (!config.DATABASE_URL) {
    say(`no DATABASE_URL: starting embedded PostgreSQL under ${resolve(config.DATA_DIR, 'postgres')} on port ${config.EMBEDDED_PG_PORT}`);
    const embedded = await startEmbeddedPostgres(config.DATA_DIR, config.EMBEDDED_PG_PORT);
    config.DATABASE_URL = embedded.url;
    stopEmbedded = () => embedded.stop();
    say(`embedded PostgreSQL ready: ${embedded.url}`);
  }

  const applied = await runMigrations(config.DATABASE_URL);
  say(applied.length ? `applied migrations: ${applied.join(', ')}` : 'database schema is up to date');

  const app = await createApp(config);
  await app.listen({ port: config.PORT, host: config.HOST });
  const base = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
  say(`API listening on ${base} — explorer at ${base}/api.html, spec at ${base}/openapi.json`);

  const { BootstrapHint } = await import('./core/bootstrap-hint');
  await new BootstrapHint(app).print(base, say);

  const grace = config.SHUTDOWN_GRACE_MS;
  let stopping = false;
  /**
   * (a) new connections and agent connections are refused (503), (b) running requests get `grace` to
   * finish (their agent commands still go out), (c) agents are told to reconnect at once (4012) and later commands are refused, (d) the app closes (Redis, database),
   * (e) exit. A hang anywhere (Redis or the database gone) is cut off by the hard deadline.
   */
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const deadlineMs = grace + SHUTDOWN_MARGIN_MS;
    setTimeout(() => {
      say(`shutdown did not finish within ${deadlineMs} ms (SHUTDOWN_GRACE_MS ${grace} + ${SHUTDOWN_MARGIN_MS}): exiting anyway`);
      process.exit(1);
    }, deadlineMs);
    try {
      const drain = httpDrainOf(app);
      const agents = app.get(AgentChannel);
      say(`${signal} received: refusing new requests, waiting up to ${grace} ms for ${drain.inFlight} running request(s)`);
      agents.beginShutdown();
      const { abandoned } = await drain.drain(grace);
      if (abandoned) say(`${abandoned} request(s) still running after ${grace} ms: their connections were closed`);
      say('closing agent sockets (agents reconnect at once), then Redis and the database');
      await agents.closeAgents();
      await app.close();
      if (stopEmbedded) await stopEmbedded();
    } catch (err) {
      process.stderr.write(`[outpost] shutdown failed: ${err instanceof Error ? err.stack : String(err)}\n`);
      process.exit(1);
    }
    say('shutdown complete');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  process.stderr.write(`[outpost] failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
