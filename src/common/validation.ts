import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FieldProblem } from './domain-errors.js';

/** Flattens nested class-validator errors to `{ field: 'a.b[0].c', problem }`. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = parent
      ? /^\d+$/.test(e.property)
        ? `${parent}[${e.property}]`
        : `${parent}.${e.property}`
      : e.property;
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
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const details = flattenValidationErrors(errors);
      const message = details.map((d) => `${d.field} ${d.problem}`).join('; ');
      return new BadRequestException({ message: message || 'Invalid request', details });
    },
  });
}
