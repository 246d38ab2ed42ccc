import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import { isIP } from 'node:net';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, ValidateBy, validateSync } from 'class-validator';

const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : value === true || value === 'true' || value === '1' ? true : value === false || value === 'false' || value === '0' ? false : value;
const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/** proxy-addr's names for address ranges, accepted in TRUST_PROXY besides addresses and CIDRs. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** One TRUST_PROXY entry: an IP address, an IP/prefix CIDR, or one of proxy-addr's range names. */
function isProxyEntry(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

function proxyEntries(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The TRUST_PROXY list for Fastify's trustProxy, or false (trust no proxy: request.ip is the socket's peer address). */
export function trustedProxies(config: Pick<AppConfig, 'TRUST_PROXY'>): string[] | false {
  const list = proxyEntries(config.TRUST_PROXY ?? '');
  return list.length ? list : false;
}

/** PUBLIC_URL is https: browsers reach us over TLS, so HSTS and Secure cookies apply. */
export function servedOverHttps(config: Pick<AppConfig, 'PUBLIC_URL'>): boolean {
  return /^https:\/\//i.test(config.PUBLIC_URL ?? '');
}

/**
 * Environment configuration, validated once at boot. A bad value stops the process with a
 * message naming the variable, instead of failing later somewhere obscure.
 */
export class AppConfig {
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  @IsOptional()
  @IsString()
  HOST: string = '0.0.0.0';

  /** postgres://user:pass@host:port/db. Unset: an embedded PostgreSQL is started under DATA_DIR. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @IsString()
  DATA_DIR: string = '.data';

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(65535)
  EMBEDDED_PG_PORT: number = 54329;

  /** redis://host:port. Unset: rate limits and fan-out stay in this process. */
  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL?: string;

  /** Namespace of every Redis key and channel, e.g. `outpost:prod`. Unset: `outpost:<database name>`. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.-]+(:[A-Za-z0-9_.-]+)*$/, { message: 'REDIS_KEY_PREFIX must be letters, digits, _ . - in segments joined by ":" (e.g. outpost:prod)' })
  REDIS_KEY_PREFIX?: string;

  /** Secret that signs access tokens. Unset: one is generated and kept under DATA_DIR. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: string = 'development';

  /** Largest accepted request body in bytes (uploads stream separately). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  BODY_LIMIT: number = 1024 * 1024;

  /**
   * On SIGTERM/SIGINT: how long requests already running may take to finish before their connections
   * are closed (agents are then told to reconnect). The process exits at the latest 5 s after this.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(600_000)
  SHUTDOWN_GRACE_MS: number = 10_000;

  /** Requests per minute per client address on every route (login has its own, lower limit). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_MINUTE: number = 1200;

  /** Login attempts per minute per client address (on top of the per-account lockout). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_RATE_LIMIT_PER_MINUTE: number = 30;

  /** Who may create domains: every signed-in user, or instance administrators only. */
  @IsOptional()
  @IsIn(['everyone', 'admins'])
  DOMAIN_CREATION: 'everyone' | 'admins' = 'everyone';

  /** How long an emailed password-reset link works, in minutes (one use). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(5)
  @Max(1440)
  PASSWORD_RESET_TTL_MINUTES: number = 30;

  /**
   * This process's own base URL as the other API replicas can reach it (e.g. `http://10.0.0.5:3000`):
   * an agent's file transfer may land on any replica, which then streams it through to the replica
   * that issued the transfer. Unset: derived from the listening address (HOST 0.0.0.0 → the
   * first non-internal IPv4 address of this machine) and port.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, { message: 'INTERNAL_URL must be an http:// or https:// base URL (no query or fragment)' })
  INTERNAL_URL?: string;

  /** A resumable (TUS) upload untouched for this long (seconds) is abandoned: its row and partial file are removed. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(30 * 86_400)
  UPLOAD_ABANDON_SECONDS: number = 86_400;

  /** How often abandoned uploads are looked for, in ms (one API process at a time sweeps). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(200)
  @Max(86_400_000)
  UPLOAD_SWEEP_MS: number = 900_000;

  /** Public URL agents and browsers use to reach this API (used in agent commands shown to users). */
  @IsOptional()
  @IsString()
  PUBLIC_URL?: string;

  /**
   * Reverse proxies whose X-Forwarded-For is believed: comma-separated addresses/CIDRs
   * (e.g. `127.0.0.1,10.0.0.0/8`). Unset: no proxy is trusted and the client address (rate
   * limits, lockout, audit) is the connection's peer address.
   */
  @IsOptional()
  @ValidateBy({
    name: 'isProxyList',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && proxyEntries(value).length > 0 && proxyEntries(value).every(isProxyEntry),
      defaultMessage: () => 'TRUST_PROXY must be a comma-separated list of IP addresses or CIDRs (e.g. 127.0.0.1,10.0.0.0/8)',
    },
  })
  TRUST_PROXY?: string;

  /** Backups and restores hold a lease renewed by the working process; one not renewed for this long counts as interrupted (failed). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  BACKUP_LEASE_MS: number = 60_000;

  /** How often every API process looks for interrupted backups and restores (and archives of deleted servers). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(200)
  @Max(3_600_000)
  BACKUP_SWEEP_MS: number = 30_000;

  /**
   * A server transfer between nodes holds a lease renewed by the working process; one not renewed
   * for this long counts as interrupted, and the next sweep rolls it back (or finishes it when the
   * data had already landed).
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  TRANSFER_LEASE_MS: number = 60_000;

  /** How often every API process looks for interrupted server transfers, in ms. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(200)
  @Max(3_600_000)
  TRANSFER_SWEEP_MS: number = 30_000;

  /**
   * How often every API process checks the grants of its open console sockets again (suspension,
   * logout, revoked token, lost membership or permission end a socket within this time), in ms.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  CONSOLE_RECHECK_MS: number = 15_000;

  /** How often each API process looks for due schedules, in ms. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(60_000)
  SCHEDULE_TICK_MS: number = 1000;

  /** The shortest interval a schedule's cron may fire at, in seconds (tests lower it). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86_400)
  SCHEDULE_MIN_INTERVAL_SECONDS: number = 10;

  /** Bearer token that may read /metrics and /health/detailed (besides instance admins). Unset: admins only. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'METRICS_TOKEN must be at least 32 characters' })
  METRICS_TOKEN?: string;
  /**
   * Let tenants' webhook, integration, SMTP and git URLs reach loopback, private, link-local and
   * metadata addresses. Off by default (server-side request forgery); tests turn it on for their
   * 127.0.0.1 receivers.
   */
  @IsOptional()
  @IsIn([true, false])
  @Transform(toBool)
  OUTBOUND_ALLOW_PRIVATE: boolean = false;

  /** Instance SMTP server for alerts and invites: smtp://user:pass@host:587 or smtps://…:465. Unset: no instance mail. */
  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  /** Sender of instance mail, e.g. `Outpost <outpost@example.com>`. */
  @IsOptional()
  @IsString()
  SMTP_FROM: string = 'Outpost <outpost@localhost>';

  /** Attempts per integration delivery before it is marked failed. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(20)
  DELIVERY_MAX_ATTEMPTS: number = 6;

  /** First retry delay of a failed delivery, in seconds; doubles each attempt (tests lower it). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  DELIVERY_RETRY_SECONDS: number = 30;

  /** How often each API process evaluates metric alert rules, in ms. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  ALERT_EVALUATE_MS: number = 30_000;

  /** Longest a git clone/fetch for a deploy may take, in ms. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  GIT_TIMEOUT_MS: number = 120_000;

  /** Largest repository content (the deployed sub-directory) a git deploy may push to a server, in MiB. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(102_400)
  GIT_MAX_MB: number = 512;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const raw: Record<string, unknown> = {};
  for (const key of [...known, 'DATABASE_URL', 'REDIS_URL', 'REDIS_KEY_PREFIX', 'JWT_SECRET', 'PUBLIC_URL', 'INTERNAL_URL', 'TRUST_PROXY', 'METRICS_TOKEN', 'SMTP_URL']) {
    if (env[key] !== undefined && env[key] !== '') raw[key] = env[key];
  }
  const config = plainToInstance(AppConfig, raw);
  const errors = validateSync(config, { skipMissingProperties: false });
  if (errors.length > 0) {
    const lines = errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `  - ${e.property}: ${m}`));
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return config;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
