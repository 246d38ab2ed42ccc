import { Controller, Get, Logger, OnModuleDestroy, Res } from '@nestjs/common';
import { Client } from 'pg';
import { ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { SkipThrottle } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '../http/public.decorator';
import { OperatorOnly } from '../../modules/auth/operator.decorator';
import { AppError } from '../errors/app-error';
import { VERSION } from '../version';
import { ApiEnvelope } from '../openapi/envelope-schema';
import { RedisService } from '../redis/redis.service';
import { DetailedHealthDTO, HealthStatusDTO, HealthVersionDTO, ReadinessDTO } from './health.dto';

const started = Date.now();

@ApiTags('health')
@Controller()
@Public()
export class HealthController implements OnModuleDestroy {
  private readonly log = new Logger('Health');
  /**
   * The probe's own connection, apart from the request pool: a replica whose pool is busy serving is
   * still ready, and a load balancer must not take every busy replica out at once.
   */
  private probe: Client | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly redis: RedisService,
  ) {}

  async onModuleDestroy(): Promise<void> {
    const probe = this.probe;
    this.probe = null;
    await probe?.end().catch(() => undefined);
  }

  private async probeClient(): Promise<Client> {
    if (this.probe) return this.probe;
    const { url } = this.dataSource.options as { url?: string };
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000, application_name: 'outpost-readiness' });
    // A dropped probe connection is replaced on the next check, never fatal.
    client.on('error', () => {
      if (this.probe === client) this.probe = null;
    });
    await client.connect();
    this.probe = client;
    return client;
  }

  /** Round-trips to the database on the probe's connection with a deadline; never throws. */
  private async pingDatabase(): Promise<{ ok: boolean; latencyMs: number; error?: string }> {
    const t0 = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      if (!this.dataSource.isInitialized) return { ok: false, latencyMs: 0, error: 'not connected' };
      await Promise.race([
        this.probeClient().then((c) => c.query('SELECT 1')),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('timeout after 2000ms')), 2000);
        }),
      ]);
      return { ok: true, latencyMs: Math.round((performance.now() - t0) * 100) / 100 };
    } catch (err) {
      // A connection that failed or hung is not reused.
      const probe = this.probe;
      this.probe = null;
      void probe?.end().catch(() => undefined);
      return { ok: false, latencyMs: Math.round(performance.now() - t0), error: err instanceof Error ? err.message : String(err) };
    } finally {
      clearTimeout(timer);
    }
  }

  private async requireDatabase() {
    const db = await this.pingDatabase();
    if (!db.ok) {
      // The cause (it may name the database's address) goes to the log, not to an unauthenticated caller.
      this.log.warn(`readiness: database unreachable (${db.error})`);
      throw AppError.unavailable('Database unreachable');
    }
    // Redis is reported, never required: without it this process serves from in-process state.
    return { status: 'ok', database: { status: 'up', latencyMs: db.latencyMs }, redis: { status: this.redis.status() } };
  }

  // Liveness touches nothing outside the process, not even the rate limiter's counters (Redis).
  @Get('healthz')
  @SkipThrottle()
  @ApiEnvelope(HealthStatusDTO, { description: 'The process is up' })
  healthz() {
    return { status: 'ok' };
  }

  @Get('readyz')
  @ApiEnvelope(ReadinessDTO, { description: 'The database is reachable (Redis is reported, not required)' })
  @ApiServiceUnavailableResponse({ description: 'The database is not reachable' })
  readyz() {
    return this.requireDatabase();
  }

  @Get('health')
  @ApiEnvelope(HealthVersionDTO)
  health() {
    return { status: 'ok', version: VERSION };
  }

  // A liveness probe, like /healthz: no rate-limit counter (Redis) in its path.
  @Get('health/live')
  @SkipThrottle()
  @ApiEnvelope(HealthStatusDTO)
  live() {
    return { status: 'ok' };
  }

  @Get('health/ready')
  @ApiEnvelope(ReadinessDTO)
  @ApiServiceUnavailableResponse({ description: 'The database is not reachable' })
  ready() {
    return this.requireDatabase();
  }

  /** Versions, uptime, memory, database errors: operators only (instance admins or METRICS_TOKEN). Probes use the routes above. */
  @Get('health/detailed')
  @OperatorOnly()
  @ApiEnvelope(DetailedHealthDTO)
  @ApiEnvelope(DetailedHealthDTO, { status: 503, description: 'The database is not reachable (status degraded)' })
  async detailed(@Res({ passthrough: true }) reply: FastifyReply) {
    const db = await this.pingDatabase();
    if (!db.ok) void reply.status(503);
    const mem = process.memoryUsage();
    return {
      status: db.ok ? 'ok' : 'degraded',
      version: VERSION,
      uptimeSeconds: Math.round((Date.now() - started) / 1000),
      database: { status: db.ok ? 'up' : 'down', latencyMs: db.latencyMs, error: db.error ?? null },
      redis: { status: this.redis.status() },
      memory: { rssBytes: mem.rss, heapUsedBytes: mem.heapUsed },
    };
  }
}
