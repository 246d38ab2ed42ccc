/**
 * PostgreSQL session advisory locks that serialise work on one TUS upload across API processes
 * (a PATCH streams for as long as its chunk takes, so the lock is held on a connection of its own,
 * from a small pool apart from the app's). A process that dies releases its locks with its
 * connections, so an upload is never stuck behind a crashed replica.
 */
import { Pool, type PoolClient } from 'pg';

/** First key of every upload lock (the second is hashtext(upload id)). */
const UPLOAD_LOCK_CLASS = 'outpost:tus-upload';
/** The sweeper's lock: one process sweeps at a time. */
const SWEEP_LOCK_CLASS = 'outpost:tus-sweep';
/** Upper bound of concurrently streaming PATCHes per process (each holds one connection). */
const LOCK_POOL_MAX = 16;

export interface HeldLock {
  /** The connection holding the lock (the sweeper runs its queries on it). */
  client: PoolClient;
  release(): Promise<void>;
}

export class UploadLocks {
  private pool?: Pool;

  constructor(private readonly databaseUrl: string | undefined) {}

  private get clients(): Pool {
    if (!this.databaseUrl) throw new Error('upload locks need DATABASE_URL');
    if (!this.pool) {
      this.pool = new Pool({ connectionString: this.databaseUrl, max: LOCK_POOL_MAX, idleTimeoutMillis: 10_000, connectionTimeoutMillis: 5_000, application_name: 'outpost-upload-locks' });
      // An idle connection that dies (database restart) must not crash the process.
      this.pool.on('error', () => undefined);
    }
    return this.pool;
  }

  /**
   * Takes the lock of upload `uploadId`, waiting at most `waitMs` (0: only if free now). Resolves
   * null when another process (or request) holds it for longer than that.
   */
  upload(uploadId: string, waitMs: number): Promise<HeldLock | null> {
    return this.take(UPLOAD_LOCK_CLASS, uploadId, waitMs);
  }

  /** The sweeper's lock, only if free now. */
  sweep(): Promise<HeldLock | null> {
    return this.take(SWEEP_LOCK_CLASS, '', 0);
  }

  /** On an already held connection (the sweeper's): the upload's lock if free now; true when taken. */
  async tryUploadOn(client: PoolClient, uploadId: string): Promise<boolean> {
    const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1), hashtext($2)) AS ok', [UPLOAD_LOCK_CLASS, uploadId]);
    return rows[0].ok;
  }

  async unlockUploadOn(client: PoolClient, uploadId: string): Promise<void> {
    await client.query('SELECT pg_advisory_unlock(hashtext($1), hashtext($2))', [UPLOAD_LOCK_CLASS, uploadId]);
  }

  private async take(kind: string, key: string, waitMs: number): Promise<HeldLock | null> {
    const client = await this.clients.connect();
    try {
      let ok: boolean;
      if (waitMs <= 0) {
        ok = (await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1), hashtext($2)) AS ok', [kind, key])).rows[0].ok;
      } else {
        await client.query(`SELECT set_config('lock_timeout', $1, false)`, [String(Math.ceil(waitMs))]);
        ok = await client.query('SELECT pg_advisory_lock(hashtext($1), hashtext($2))', [kind, key]).then(
          () => true,
          (err: { code?: string }) => {
            if (err.code === '55P03') return false;
            throw err;
          },
        );
        // The session setting would stay on the pooled connection (the sweeper's queries run on these too).
        await client.query(`SELECT set_config('lock_timeout', '0', false)`);
      }
      if (!ok) {
        client.release();
        return null;
      }
    } catch (err) {
      client.release(err instanceof Error ? err : true);
      throw err;
    }
    let released = false;
    return {
      client,
      release: async () => {
        if (released) return;
        released = true;
        try {
          // Drops every advisory lock of this session (the sweeper may hold upload locks on it too).
          await client.query('SELECT pg_advisory_unlock_all()');
          client.release();
        } catch (err) {
          // Not sure the lock is gone: closing the connection releases it for certain.
          client.release(err instanceof Error ? err : true);
        }
      },
    };
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.end().catch(() => undefined);
  }
}
