import { ApiProperty } from '@nestjs/swagger';

export class HealthStatusDTO {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
}

export class HealthVersionDTO extends HealthStatusDTO {
  @ApiProperty() version: string;
}

export class DatabaseUpDTO {
  @ApiProperty({ enum: ['up'] }) status: 'up';
  @ApiProperty() latencyMs: number;
}

/** Redis is optional: `down` is reported but fails no probe (callers fall back to in-process state). */
export class RedisHealthDTO {
  @ApiProperty({ enum: ['up', 'down', 'disabled'], description: 'disabled: no REDIS_URL; down: unreachable now, in-process fallbacks in use (readiness still ok)' })
  status: 'up' | 'down' | 'disabled';
}

export class ReadinessDTO {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
  @ApiProperty({ type: DatabaseUpDTO }) database: DatabaseUpDTO;
  @ApiProperty({ type: RedisHealthDTO }) redis: RedisHealthDTO;
}

export class DatabaseHealthDTO {
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
  @ApiProperty() latencyMs: number;
  @ApiProperty({ nullable: true, type: String }) error: string | null;
}

export class MemoryUsageDTO {
  @ApiProperty() rssBytes: number;
  @ApiProperty() heapUsedBytes: number;
}

export class DetailedHealthDTO {
  @ApiProperty({ enum: ['ok', 'degraded'], description: 'degraded (with HTTP 503) when the database is unreachable' }) status: 'ok' | 'degraded';
  @ApiProperty() version: string;
  @ApiProperty() uptimeSeconds: number;
  @ApiProperty({ type: DatabaseHealthDTO }) database: DatabaseHealthDTO;
  @ApiProperty({ type: RedisHealthDTO }) redis: RedisHealthDTO;
  @ApiProperty({ type: MemoryUsageDTO }) memory: MemoryUsageDTO;
}
