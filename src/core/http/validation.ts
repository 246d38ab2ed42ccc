import { ArgumentMetadata, ValidationError as ClassValidatorError, ValidationPipe } from '@nestjs/common';
import { AppError } from '../errors/app-error';
import { ValidationDetail } from '../errors/error-codes';

/** Flattens class-validator's tree into `{ path, code, message }` rows. */
export function flattenValidationErrors(errors: ClassValidatorError[], parent = ''): ValidationDetail[] {
  const out: ValidationDetail[] = [];
  for (const error of errors) {
    const path = parent ? `${parent}.${error.property}` : error.property;
    for (const [code, message] of Object.entries(error.constraints ?? {})) {
      out.push({ path, code: code === 'whitelistValidation' ? 'unknownProperty' : code, message: code === 'whitelistValidation' ? `property ${path} is not allowed` : message });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, path));
  }
  return out;
}

/** No DTO takes a list this long (the largest ArrayMaxSize is 1,000): longer ones are refused before class-validator walks them. */
export const MAX_INPUT_ARRAY_ITEMS = 10_000;
/** A refusal lists at most this many details: a body with thousands of bad elements must not make a megabyte of errors. */
export const MAX_VALIDATION_DETAILS = 100;

/** The first array longer than the ceiling (its path and length), or null. Depth is bounded by the JSON parser already. */
function oversizedArray(value: unknown, path: string): { path: string; items: number } | null {
  if (Array.isArray(value)) {
    if (value.length > MAX_INPUT_ARRAY_ITEMS) return { path, items: value.length };
    for (let i = 0; i < value.length; i++) {
      const found = oversizedArray(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      const found = oversizedArray(v, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return null;
}

/**
 * Refuses what class-validator would spend a long time on before refusing anyway: a list where the
 * DTO is an object (class-transformer would make an instance per element, class-validator validate
 * each) and lists beyond any ArrayMaxSize. The answer is the same 400 ValidationError, at once.
 */
class BoundedValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const dto = metadata.metatype;
    if ((metadata.type === 'body' || metadata.type === 'query') && typeof dto === 'function' && this.toValidate(metadata)) {
      if (Array.isArray(value) && dto !== Array) {
        throw AppError.validation(`Validation failed: the ${metadata.type} must be a JSON object, not a list`, [{ path: '', code: 'isObject', message: `the ${metadata.type} must be a JSON object` }]);
      }
      const oversized = oversizedArray(value, '');
      if (oversized) {
        const message = `${oversized.path || `the ${metadata.type}`} has ${oversized.items} items; at most ${MAX_INPUT_ARRAY_ITEMS} are accepted`;
        throw AppError.validation(`Validation failed: ${message}`, [{ path: oversized.path, code: 'arrayMaxSize', message }]);
      }
    }
    return super.transform(value, metadata);
  }
}

/** The one validation pipe: strips nothing silently — unknown keys are an error. */
export function createValidationPipe(): ValidationPipe {
  return new BoundedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const all = flattenValidationErrors(errors);
      const details = all.length > MAX_VALIDATION_DETAILS ? all.slice(0, MAX_VALIDATION_DETAILS) : all;
      const summary = details
        .slice(0, 3)
        .map((d) => d.message)
        .join('; ');
      return AppError.validation(summary ? `Validation failed: ${summary}` : 'Validation failed', details);
    },
  });
}
