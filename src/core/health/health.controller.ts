import { Controller, Get, Res } from '@nestjs/common';
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
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly redis: RedisService,
  ) {}

  /** Round-trips to the database with a deadline; never throws. */
  private async pingDatabase(): Promise<{ ok: boolean; latencyMs: number; error?: string }> {
    const t0 = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      if (!this.dataSource.isInitialized) return { ok: false, latencyMs: 0, error: 'not connected' };
      await Promise.race([
        this.dataSource.query('SELECT 1'),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('timeout after 2000ms')), 2000);
        }),
      ]);
      return { ok: true, latencyMs: Math.round((performance.now() - t0) * 100) / 100 };
    } catch (err) {
      return { ok: false, latencyMs: Math.round(performance.now() - t0), error: err instanceof Error ? err.message : String(err) };
    } finally {
      clearTimeout(timer);
    }
  }

  private async requireDatabase() {
    const db = await this.pingDatabase();
    if (!db.ok) throw AppError.unavailable(`Database unreachable: ${db.error}`);
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
