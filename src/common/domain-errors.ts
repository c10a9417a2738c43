/** Our own exceptions; the HTTP filter maps each code to a status. */
export type ErrorCode =
  'NOT_FOUND' | 'CONFLICT' | 'VALIDATION' | 'UNPROCESSABLE' | 'FORBIDDEN' | 'UNAUTHORIZED' | 'UNAVAILABLE';

export interface FieldProblem {
  field: string;
  problem: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldProblem[],
    /** Extra top-level fields of the error body (e.g. the quality findings of a 422). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string, id: string) => new DomainError('NOT_FOUND', `${what} ${id} was not found`);
export const conflict = (message: string, details?: FieldProblem[]) => new DomainError('CONFLICT', message, details);
export const invalid = (field: string, problem: string) =>
  new DomainError('VALIDATION', `${field} ${problem}`, [{ field, problem }]);

/** PATCH bodies may omit a required field but may not null it. */
export function assertNoNulls(dto: object, fields: string[]): void {
  const d = dto as Record<string, unknown>;
  const bad = fields.filter((f) => d[f] === null);
  if (bad.length)
    throw new DomainError(
      'VALIDATION',
      bad.map((f) => `${f} cannot be null`).join('; '),
      bad.map((field) => ({ field, problem: 'cannot be null' })),
    );
}
