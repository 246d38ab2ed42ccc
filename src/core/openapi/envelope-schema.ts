import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiProduces, ApiResponse, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import type { HeadersObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

export class MetaDTO {
  @ApiProperty() serverTime: string;
  @ApiPropertyOptional() page?: number;
  @ApiPropertyOptional() limit?: number;
  @ApiPropertyOptional() total?: number;
}

export class ErrorDTO {
  @ApiProperty({ example: 'ValidationError' }) code: string;
  @ApiProperty() message: string;
  @ApiPropertyOptional({ description: 'For validation errors: [{ path, code, message }]' }) details?: unknown;
  @ApiPropertyOptional({ description: 'Present on 500s; also in the server log' }) errorId?: string;
}

interface EnvelopeOptions {
  isArray?: boolean;
  status?: number;
  description?: string;
}

function envelopeResponse(data: SchemaObject | { $ref: string }, options: EnvelopeOptions) {
  return ApiResponse({
    status: options.status ?? 200,
    description: options.description ?? '',
    schema: { type: 'object', required: ['meta', 'data'], properties: { meta: { $ref: getSchemaPath(MetaDTO) }, data } },
  });
}

/** Documents `{ meta, data: Dto }` (or an array) so the generated client knows the shape. */
export function ApiEnvelope(model: Type<unknown>, options: EnvelopeOptions = {}) {
  const data = options.isArray ? { type: 'array', items: { $ref: getSchemaPath(model) } } : { $ref: getSchemaPath(model) };
  return applyDecorators(ApiExtraModels(MetaDTO, model), envelopeResponse(data, options));
}

/** `{ meta, data }` whose data is a plain schema (a foreign format such as an exported egg). */
export function ApiEnvelopeOf(data: SchemaObject, options: Omit<EnvelopeOptions, 'isArray'> = {}) {
  return applyDecorators(ApiExtraModels(MetaDTO), envelopeResponse(data, options));
}

/** The action has no result: `{ meta, data: null }`. */
export function ApiEmptyEnvelope(options: Omit<EnvelopeOptions, 'isArray'> = {}) {
  return ApiEnvelopeOf({ nullable: true, enum: [null], description: 'Always null: the action has no result' }, { description: 'Done', ...options });
}

/** A raw byte stream (downloads), outside the envelope. */
export function ApiBinaryResponse(contentType: string, description: string) {
  return applyDecorators(ApiProduces(contentType), ApiResponse({ status: 200, description, content: { [contentType]: { schema: { type: 'string', format: 'binary' } } } }));
}

/**
 * A reply that is only a status and headers (TUS): no body, so no schema. The operation-contract
 * test accepts a bodiless success only from here (it carries `x-no-body`).
 */
export function ApiNoBodyResponse(status: number, description: string, headers?: HeadersObject) {
  return ApiResponse({ status, description, headers, 'x-no-body': true } as Parameters<typeof ApiResponse>[0]);
}

export function ApiPagedEnvelope(model: Type<unknown>) {
  return ApiEnvelope(model, { isArray: true, description: 'One page; meta carries page, limit and total' });
}
