import type { LoggerService } from '@nestjs/common';
import { Params } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import pino, { DestinationStream } from 'pino';
import type { Options as HttpLoggerOptions } from 'pino-http';
import pinoPretty from 'pino-pretty';

/** Paths pino blanks in every log line: credentials never reach the logs. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["x-agent-token"]',
  'req.headers["x-transfer-token"]',
  'req.headers["x-outpost-relay"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.token',
  '*.secret',
  '*.refreshToken',
  '*.challengeToken',
  '*.inviteToken',
  '*.registerToken',
  '*.agentToken',
  '*.configureKey',
  '*.secretAccessKey',
  '*.accessKeyId',
  '*.transferToken',
  '*.apiKey',
  '*.newPassword',
  // The /v1 dialect's snake_case credentials.
  '*.new_password',
  '*.access_token',
  '*.refresh_token',
  '*.challenge_token',
  '*.api_key',
  'password',
  'token',
  'secret',
];

/** Human-readable lines for a person at a terminal; one JSON object a line for everything else (log shippers). */
export type LogFormat = 'pretty' | 'json';

export function defaultLogFormat(): LogFormat {
  return process.stdout.isTTY ? 'pretty' : 'json';
}

/** A log field as text: strings as they are, anything else JSON-encoded (never "[object Object]"). */
function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
}

/** pino-pretty as an in-process stream: no worker thread, and nothing buffered is lost when the process exits. */
export function prettyStream(destination?: NodeJS.WritableStream): DestinationStream {
  return pinoPretty({
    destination: destination ?? 1,
    sync: true,
    colorize: destination ? false : undefined,
    translateTime: 'SYS:HH:MM:ss.l',
    // Request and response objects would take a dozen lines each; the message line below names them.
    ignore: 'pid,hostname,context,req,res,responseTime',
    messageFormat: (log, messageKey) => {
      const req = log.req as { method?: string; url?: string } | undefined;
      const res = log.res as { statusCode?: number } | undefined;
      const parts = [log.context ? `[${asText(log.context)}]` : '', asText(log[messageKey])];
      if (req?.method) parts.push(`${req.method} ${req.url}`);
      if (res?.statusCode) parts.push(String(res.statusCode));
      if (typeof log.responseTime === 'number') parts.push(`${log.responseTime} ms`);
      return parts.filter(Boolean).join(' ');
    },
  });
}

export function loggerParams(level: string, format: LogFormat = defaultLogFormat()): Params {
  const options: HttpLoggerOptions = {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    genReqId: (req: IncomingMessage) => (req.headers['x-request-id'] as string) || randomUUID(),
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    autoLogging: { ignore: (req) => ['/healthz', '/readyz', '/metrics', '/health/live'].includes(req.url ?? '') },
    serializers: {
      req: (req: { id: string; method: string; url: string; headers: Record<string, unknown> }) => ({ id: req.id, method: req.method, url: redactQuery(req.url), headers: req.headers }),
    },
  };
  return { pinoHttp: format === 'pretty' ? [options, prettyStream()] : options };
}

/** Nest's boot chatter, one info line per module and per route ("Mapped {/x, GET} route"): debug level instead. */
const BOOT_CHATTER = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/** Nest's logger (nestjs-pino's) with the boot chatter moved down to debug. */
export class NestLogger implements LoggerService {
  constructor(private readonly inner: LoggerService) {}

  log(message: unknown, ...params: unknown[]): void {
    const context = params[params.length - 1];
    if (typeof context === 'string' && BOOT_CHATTER.has(context)) this.inner.debug?.(message, ...params);
    else this.inner.log(message, ...params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.inner.error(message, ...params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.inner.warn(message, ...params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.inner.debug?.(message, ...params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.inner.verbose?.(message, ...params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.inner.fatal?.(message, ...params);
  }
}

/** main.ts's own start-up lines ("[outpost] …"), in the same format as the rest of the logs. */
export function startupLogger(format: LogFormat = defaultLogFormat()): (message: string) => void {
  if (format === 'pretty') return (message) => void process.stdout.write(`[outpost] ${message}\n`);
  const log = pino(pino.destination({ fd: 1, sync: true })).child({ context: 'outpost' });
  return (message) => log.info(message);
}

/** Query parameters that carry credentials (the console socket takes `?token=`): their values never reach a log line. */
const SECRET_QUERY = /([?&](?:token|access_token|ticket|key|signature)=)[^&#]*/gi;

/** Path segments that are credentials: one-use backup download links and invite links (the API's and the dashboard page's). */
const SECRET_PATH = /(\/backup\/download\/|\/membership\/invite\/|^\/invite\/|\/v1\/invites\/)[^/?#]+/g;

export function redactQuery(url: string): string {
  return url.replace(SECRET_QUERY, '$1[redacted]').replace(SECRET_PATH, '$1[redacted]');
}
