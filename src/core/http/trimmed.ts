import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsString, MaxLength, ValidateBy, ValidationOptions } from 'class-validator';

/**
 * Trims a string input before validation (class-transformer runs before class-validator in the
 * validation pipe), so `"  Lobby "` is stored as `"Lobby"` and `"   "` is seen as empty.
 * Non-strings pass through untouched so the field's own type check reports them.
 */
export function Trim(options: { lowercase?: boolean } = {}): PropertyDecorator {
  return Transform(({ value }: { value: unknown }): unknown => {
    if (typeof value !== 'string') return value;
    const trimmed = value.trim();
    return options.lowercase ? trimmed.toLowerCase() : trimmed;
  });
}

/** Refuses an empty string with one sentence, "<field> must not be empty". */
export function NotBlank(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNotBlank',
      validator: {
        // Non-strings are the type check's business: one message per problem.
        validate: (value: unknown) => typeof value !== 'string' || value.trim().length > 0,
        defaultMessage: () => '$property must not be empty',
      },
    },
    options,
  );
}

/**
 * The one rule for name-like inputs (domain, role, node, server, workload, schedule, backup,
 * storage and token names): trimmed, a string, not blank, at most `max` characters.
 * Replaces `@IsString() @Length(1, max)` so a blank name gets exactly one message.
 */
export function TrimmedName(max: number): PropertyDecorator {
  return applyDecorators(Trim(), IsString(), NotBlank(), MaxLength(max, { message: `$property must be at most ${max} characters` }));
}
