import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Outpost's error envelope `{ meta: { error }, data: null }` → the compat dialects' `{ error }`; anything else unchanged. */
export function reshapeEnvelopeError(payload: unknown): unknown {
  const error = (payload as { meta?: { error?: { message?: unknown } } } | null)?.meta?.error;
  if (!error || (payload as { data?: unknown }).data !== null) return payload;
  return { error: typeof error.message === 'string' ? error.message : 'Bad request' };
}

/** Which requests speak a dialect: decided from the request alone (route pattern or path). */
export type DialectMatcher = (request: FastifyRequest) => boolean;

/**
 * The one mechanism that gives the compat dialects (Skyport `/api`, Shardlyn `/v1`) their error
 * shape `{ error }` for every error on their routes, including those raised before the route's
 * handler runs (malformed JSON, wrong content type, a body over the limit, the global guards'
 * 401/403, the throttler's 429, validation): they are rendered by Outpost's exception filter or
 * Fastify's error path as the envelope, and reshaped here just before serialization. Status codes
 * and headers are unchanged. Each dialect module calls `use` once with its matcher. Errors Fastify
 * answers before routing never reach this hook: app.factory hands COMPAT_FRAMEWORK_ERROR_SHAPES
 * (compat/framework-error-shapes.ts) to the adapter for those.
 */
@Injectable()
export class CompatErrorShape {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  use(matches: DialectMatcher): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance?.<FastifyInstance>();
    if (!fastify?.addHook) return;
    fastify.addHook('preSerialization', async (request: FastifyRequest, _reply, payload: unknown) => (matches(request) ? reshapeEnvelopeError(payload) : payload));
  }
}
