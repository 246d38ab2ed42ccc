import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis, { RedisOptions } from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/** REDIS_KEY_PREFIX, else `outpost:<database name>`: installations (and parallel test runs) sharing one Redis stay apart. */
export function redisKeyPrefix(config: Pick<AppConfig, 'REDIS_KEY_PREFIX' | 'DATABASE_URL'>): string {
  if (config.REDIS_KEY_PREFIX) return config.REDIS_KEY_PREFIX;
  const db = config.DATABASE_URL ? new URL(config.DATABASE_URL).pathname.slice(1) : 'outpost';
  return `outpost:${db}`;
}

/**
 * Every Redis connection of this process is made here: one command client shared by all
 * modules, and one connection per pub/sub subscriber (a subscribed connection can run no other
 * command). Without REDIS_URL there is no client and callers keep their state in this process.
 * Connections close on application shutdown, after every module's onModuleDestroy has run.
 */
@Injectable()
export class RedisService implements OnApplicationShutdown {
  /** Absent without REDIS_URL. Commands fail fast (2 retries) instead of hanging a request. */
  readonly client?: Redis;
  private readonly logger = new Logger('Redis');
  private readonly prefix: string;
  private readonly connections = new Set<Redis>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.prefix = redisKeyPrefix(config);
    if (config.REDIS_URL) this.client = this.connect('commands', { maxRetriesPerRequest: 2 });
  }

  /** The one namespace of keys and channels: `key('console', 'buf', id)` → `<prefix>:console:buf:<id>`. */
  key(...parts: string[]): string {
    return [this.prefix, ...parts].join(':');
  }

  /** A new connection for SUBSCRIBE; its commands wait through reconnects instead of failing. Needs REDIS_URL. */
  subscriber(purpose: string): Redis {
    if (!this.config.REDIS_URL) throw new Error(`Redis subscriber "${purpose}" requested without REDIS_URL`);
    return this.connect(purpose, { maxRetriesPerRequest: null });
  }

  private connect(purpose: string, options: RedisOptions): Redis {
    const connection = new Redis(this.config.REDIS_URL!, { enableOfflineQueue: true, ...options });
    // ioredis reports every failed reconnect attempt: one warning per outage is enough, commands fail on their own.
    let reported = false;
    connection.on('ready', () => (reported = false));
    connection.on('error', (err: Error) => {
      if (reported) return;
      reported = true;
      this.logger.warn({ err: err.message, purpose }, 'Redis connection error');
    });
    connection.on('end', () => this.connections.delete(connection));
    this.connections.add(connection);
    return connection;
  }

  /** Resolves once every connection has ended. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.connections].map((c) => this.close(c)));
  }

  private close(connection: Redis): Promise<void> {
    if (connection.status === 'end') return Promise.resolve();
    const ended = new Promise<void>((resolve) => connection.once('end', () => resolve()));
    // QUIT lets sent commands finish but would wait for a connection that is not up: drop those.
    if (connection.status === 'ready') void connection.quit().catch(() => connection.disconnect());
    else connection.disconnect();
    return ended;
  }
}
