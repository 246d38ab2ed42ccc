import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import Redis, { RedisOptions } from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/** REDIS_KEY_PREFIX, else `outpost:<database name>`: installations (and parallel test runs) sharing one Redis stay apart. */
export function redisKeyPrefix(config: Pick<AppConfig, 'REDIS_KEY_PREFIX' | 'DATABASE_URL'>): string {
  if (config.REDIS_KEY_PREFIX) return config.REDIS_KEY_PREFIX;
  const db = config.DATABASE_URL ? new URL(config.DATABASE_URL).pathname.slice(1) : 'outpost';
  return `outpost:${db}`;
}

/** A TCP connect (or the boot wait for the first one) gives up after this. */
const CONNECT_TIMEOUT_MS = 2000;
/** A command on a connection that stopped answering (half-open socket) fails after this. */
const COMMAND_TIMEOUT_MS = 1500;
/** Shutdown stops waiting for a connection to say goodbye after this. */
const CLOSE_TIMEOUT_MS = 1000;

export type RedisStatus = 'up' | 'down' | 'disabled';

/**
 * Every Redis connection of this process is made here: one command client shared by all
 * modules, and one connection per pub/sub subscriber (a subscribed connection can run no other
 * command). Without REDIS_URL there is no client and callers keep their state in this process.
 * Connections close on application shutdown, after every module's onModuleDestroy has run.
 *
 * Redis is optional at runtime as it is at boot: while it is unreachable, commands on the client
 * fail at once (no offline queue, no resend after a reconnect) and every caller has an
 * in-process fallback; `isUp()` tells which way a caller is going right now.
 */
@Injectable()
export class RedisService implements OnModuleInit, OnApplicationShutdown {
  /**
   * Absent without REDIS_URL. Commands fail fast rather than wait for Redis: rejected at once while
   * disconnected, rejected when the connection drops under them (never resent: an INCRBY must not
   * count twice), and after COMMAND_TIMEOUT_MS on a connection that stopped answering.
   */
  readonly client?: Redis;
  private readonly logger = new Logger('Redis');
  private readonly prefix: string;
  private readonly connections = new Set<Redis>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.prefix = redisKeyPrefix(config);
    if (config.REDIS_URL) {
      this.client = this.connect('commands', { enableOfflineQueue: false, maxRetriesPerRequest: 0, autoResendUnfulfilledCommands: false, commandTimeout: COMMAND_TIMEOUT_MS });
    }
  }

  /** Boot waits (briefly) for the first connection so early requests use Redis; an unreachable Redis holds nothing up. */
  async onModuleInit(): Promise<void> {
    const client = this.client;
    if (!client || client.status === 'ready') return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        for (const e of ['ready', 'close', 'end']) client.off(e, done);
        resolve();
      };
      const timer = setTimeout(done, CONNECT_TIMEOUT_MS);
      for (const e of ['ready', 'close', 'end']) client.once(e, done);
    });
  }

  /** Whether the command client is connected now (false without REDIS_URL). */
  isUp(): boolean {
    return this.client?.status === 'ready';
  }

  /** For health: `disabled` without REDIS_URL. Reads the connection state, sends nothing. */
  status(): RedisStatus {
    if (!this.client) return 'disabled';
    return this.isUp() ? 'up' : 'down';
  }

  /** The one namespace of keys and channels: `key('console', 'buf', id)` → `<prefix>:console:buf:<id>`. */
  key(...parts: string[]): string {
    return [this.prefix, ...parts].join(':');
  }

  /**
   * A new connection for SUBSCRIBE. Its commands wait through reconnects instead of failing and
   * its subscriptions are restored after one, so callers must not await them while it is down
   * (`connection.status !== 'ready'`) and must catch them (they reject at shutdown). Needs REDIS_URL.
   */
  subscriber(purpose: string): Redis {
    if (!this.config.REDIS_URL) throw new Error(`Redis subscriber "${purpose}" requested without REDIS_URL`);
    return this.connect(purpose, { maxRetriesPerRequest: null });
  }

  private connect(purpose: string, options: RedisOptions): Redis {
    const connection = new Redis(this.config.REDIS_URL!, {
      enableOfflineQueue: true,
      connectTimeout: CONNECT_TIMEOUT_MS,
      // Keep trying (every 2 s at most): Redis coming back is picked up without a restart.
      retryStrategy: (times) => Math.min(times * 100, 2000),
      ...options,
    });
    // ioredis reports every failed reconnect attempt: one warning per outage is enough, commands fail on their own.
    let reported = false;
    connection.on('ready', () => {
      if (reported) this.logger.log({ purpose }, 'Redis connection restored');
      reported = false;
    });
    connection.on('error', (err: Error) => {
      if (reported) return;
      reported = true;
      this.logger.warn({ err: err.message, purpose }, 'Redis connection error; in-process fallbacks are used until it is back');
    });
    connection.on('end', () => this.connections.delete(connection));
    this.connections.add(connection);
    return connection;
  }

  /** Resolves once every connection has ended, or been dropped: never waits for an unreachable Redis. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.connections].map((c) => this.close(c)));
  }

  private close(connection: Redis): Promise<void> {
    if (connection.status === 'end') return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.connections.delete(connection);
        resolve();
      };
      const timer = setTimeout(() => {
        connection.disconnect();
        done();
      }, CLOSE_TIMEOUT_MS);
      connection.once('end', done);
      // QUIT lets sent commands finish but would wait for a connection that is not up: drop those.
      if (connection.status === 'ready') {
        void connection.quit().catch(() => connection.disconnect());
        return;
      }
      connection.disconnect();
      // Between reconnect attempts the socket is already closed: disconnect() cancels the next attempt
      // and no further event comes, so there is nothing to wait for.
      if (connection.status === 'reconnecting' || connection.status === 'close') done();
    });
  }
}
