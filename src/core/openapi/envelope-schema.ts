import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';

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

/** Documents `{ meta, data: Dto }` (or an array) so the generated client knows the shape. */
export function ApiEnvelope(model: Type<unknown>, options: { isArray?: boolean; status?: number; description?: string } = {}) {
  const data = options.isArray ? { type: 'array', items: { $ref: getSchemaPath(model) } } : { $ref: getSchemaPath(model) };
  return applyDecorators(
    ApiExtraModels(MetaDTO, model),
    ApiResponse({
      status: options.status ?? 200,
      description: options.description,
      schema: { type: 'object', required: ['meta', 'data'], properties: { meta: { $ref: getSchemaPath(MetaDTO) }, data } },
    }),
  );
}

export function ApiPagedEnvelope(model: Type<unknown>) {
  return ApiEnvelope(model, { isArray: true, description: 'One page; meta carries page, limit and total' });
}
