import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isCalendarDate } from './dates.js';
import type { FieldProblem } from './domain-errors.js';

/** A real date in YYYY-MM-DD: `2026-02-30` is refused here, naming the field, before it reaches the database. */
export const IsCalendarDate = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isCalendarDate(value),
        defaultMessage: () => 'must be a real calendar date YYYY-MM-DD',
      },
    },
    options,
  );

/** Flattens nested class-validator errors to `{ field: 'a.b[0].c', problem }`. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = parent
      ? /^\d+$/.test(e.property)
        ? `${parent}[${e.property}]`
        : `${parent}.${e.property}`
      : e.property;
    // A missing field fails every rule on it; "is required" says what is wrong in one line.
    if (e.constraints && (e.value === undefined || e.value === null) && !e.constraints.whitelistValidation)
      return [{ field, problem: 'is required' }];
    const own = Object.entries(e.constraints ?? {}).map(([kind, text]) => ({
      field,
      problem:
        kind === 'whitelistValidation'
          ? 'is not a known field'
          : text.startsWith(`${e.property} `)
            ? text.slice(e.property.length + 1)
            : text,
    }));
    return own.concat(flattenValidationErrors(e.children ?? [], field));
  });
}

/** Unknown fields rejected, types transformed, every error names its field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    // The value is read only to tell a missing field; it never reaches the answer.
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => {
      const details = flattenValidationErrors(errors);
      const message = details.map((d) => `${d.field} ${d.problem}`).join('; ');
      return new BadRequestException({ message: message || 'Invalid request', details });
    },
  });
}
