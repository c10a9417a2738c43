import { ParseUUIDPipe } from '@nestjs/common';
import { DomainError } from './domain-errors.js';

/** A path id that is not a uuid cannot name a record: answer 404, as for an unknown id. */
export const IdParam = new ParseUUIDPipe({
  exceptionFactory: () => new DomainError('NOT_FOUND', 'No record has that id (ids are UUIDs)'),
});
