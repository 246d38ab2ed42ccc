import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * A throwaway database per test file on the real PostgreSQL named by TEST_DATABASE_URL
 * (scripts/test.sh sets it: the local server when one answers, else an embedded one).
 */
export interface ThrowawayDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export function adminUrl(): string {
  return process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * `migrated`: a copy of the run's migrated template database (scripts/run-tests.js makes it once per
 * run and names it in TEST_TEMPLATE_DATABASE), so a test app need not run every migration itself.
 * Without that variable (a test file run on its own) the database is empty and the caller migrates.
 */
export async function createThrowawayDatabase(prefix = 'outpost_t', options: { migrated?: boolean } = {}): Promise<ThrowawayDatabase> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const template = options.migrated ? process.env.TEST_TEMPLATE_DATABASE : undefined;
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(template ? `CREATE DATABASE "${name}" TEMPLATE "${template}"` : `CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: withDatabase(adminUrl(), name),
    drop: async () => {
      const c = new Client({ connectionString: adminUrl() });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
