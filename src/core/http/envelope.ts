import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { map, Observable } from 'rxjs';
import type { ClassConstructor } from 'class-transformer';
import type { SearchResult } from '@libs/search/search-spec';
import { toOutput } from './output';

/** A page of results; the envelope interceptor moves paging numbers into `meta`. */
export class Paged<T> {
  constructor(
    readonly items: T[],
    readonly total: number,
    readonly page: number,
    readonly limit: number,
  ) {}

  /** A search result's page, its entities mapped to the output DTO. */
  static of<D>(dto: ClassConstructor<D>, result: SearchResult<object>): Paged<D> {
    return new Paged(toOutput(dto, result.items), result.total, result.page, result.limit);
  }
}

export interface Envelope<T> {
  meta: { serverTime: string; page?: number; limit?: number; total?: number; [k: string]: unknown };
  data: T;
}

export function envelope<T>(data: T, extraMeta: Record<string, unknown> = {}): Envelope<T> {
  return { meta: { serverTime: new Date().toISOString(), ...extraMeta }, data };
}

const RAW_RESPONSE = 'outpost:raw-response';
/** Opt a route out of the envelope (compat APIs with their own shapes, streams, metrics). */
export const RawResponse = () => SetMetadata(RAW_RESPONSE, true);

@Injectable()
export class EnvelopeInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const raw = this.reflector.getAllAndOverride<boolean>(RAW_RESPONSE, [context.getHandler(), context.getClass()]);
    if (raw) return next.handle();
    return next.handle().pipe(
      map((result) => {
        if (result instanceof Paged) {
          return envelope(result.items, { page: result.page, limit: result.limit, total: result.total });
        }
        return envelope(result === undefined ? null : result);
      }),
    );
  }
}
