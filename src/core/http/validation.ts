import { ValidationError as ClassValidatorError, ValidationPipe } from '@nestjs/common';
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

/** The one validation pipe: strips nothing silently — unknown keys are an error. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const details = flattenValidationErrors(errors);
      const summary = details
        .slice(0, 3)
        .map((d) => d.message)
        .join('; ');
      return AppError.validation(summary ? `Validation failed: ${summary}` : 'Validation failed', details);
    },
  });
}
