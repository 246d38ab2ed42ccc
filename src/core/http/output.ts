import { ClassConstructor, plainToInstance } from 'class-transformer';

/**
 * Maps entities to output DTOs: only properties marked @Expose() leave the API, so a new
 * column (or a secret) never leaks by accident.
 */
export function toOutput<T>(dto: ClassConstructor<T>, value: object[]): T[];
export function toOutput<T>(dto: ClassConstructor<T>, value: object): T;
export function toOutput<T>(dto: ClassConstructor<T>, value: object | object[]): T | T[] {
  return plainToInstance(dto, value, { excludeExtraneousValues: true, exposeUnsetFields: false });
}
