import { applyDecorators, Type } from '@nestjs/common';
import { ApiBadRequestResponse, ApiExtension, ApiExtraModels, ApiForbiddenResponse, ApiResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse, getSchemaPath } from '@nestjs/swagger';
import { RawResponse } from '../../../core/http/envelope';
import { V1ErrorDTO } from './v1.dto';

/**
 * Every `/v1` controller: the `v1` OpenAPI tag, bare replies (no envelope; the one opt-out the
 * envelope interceptor knows), and seed 001's error shape `{ error }` for the common failures.
 */
export const V1Controller = () =>
  applyDecorators(
    ApiTags('v1'),
    RawResponse(),
    ApiBadRequestResponse({ type: V1ErrorDTO, description: 'Invalid input: `{ "error": "…" }`' }),
    ApiUnauthorizedResponse({ type: V1ErrorDTO, description: 'Missing or invalid token' }),
    ApiForbiddenResponse({ type: V1ErrorDTO, description: 'Insufficient permissions, or not a member of the organization' }),
    ApiTooManyRequestsResponse({ type: V1ErrorDTO, description: 'Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds)' }),
  );

/** A reply of the dialect: the DTO, or a bare JSON array of it. */
export const V1Reply = (type: Type<unknown>, options: { status?: number; isArray?: boolean; description?: string } = {}) =>
  ApiResponse({ status: options.status ?? 200, type, isArray: options.isArray ?? false, description: options.description ?? '' });

/** A reply that is one of several shapes (login: tokens, or the MFA challenge). */
export const V1OneOf = (types: Array<Type<unknown>>, options: { status?: number; description?: string } = {}) =>
  applyDecorators(ApiExtraModels(...types), ApiResponse({ status: options.status ?? 200, description: options.description ?? '', schema: { oneOf: types.map((t) => ({ $ref: getSchemaPath(t) })) } }));

/** 204, no body. */
export const V1NoContent = (description = 'Done') => ApiResponse({ status: 204, description });

/** A 404 in the dialect's shape. */
export const V1NotFound = (description = 'Not found') => ApiResponse({ status: 404, type: V1ErrorDTO, description });

/**
 * A WebSocket path: OpenAPI has no sockets, so the operation documents the upgrade (101, no body)
 * and carries `x-websocket`. The upgrade is answered by the WebSocket adapter; the HTTP handler only
 * answers a request without `Upgrade: websocket` (400, after the auth and tenancy checks).
 */
export const V1WebSocket = () =>
  applyDecorators(
    ApiExtension('x-websocket', true),
    ApiResponse({ status: 101, description: 'Switching Protocols: with `Upgrade: websocket` the socket opens (frames `{event, args}`)' }),
    V1Reply(V1ErrorDTO, { status: 400, description: 'Without `Upgrade: websocket`' }),
  );
