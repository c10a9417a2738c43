import type { OpenAPIObject } from '@nestjs/swagger';
import { ErrorBodyDto } from './error-body.dto.js';

type Responses = Record<string, { description: string; content?: unknown }>;
interface Operation {
  parameters?: Array<{ in: string }>;
  requestBody?: { content?: Record<string, unknown> };
  security?: unknown[];
  responses: Responses;
}

const ERROR = { $ref: `#/components/schemas/${ErrorBodyDto.name}` };
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** The models the document needs besides those the controllers name. */
export const EXTRA_MODELS = [ErrorBodyDto];

/**
 * Adds the error answers every operation of its kind can give, all with the filter's body, so
 * a generated client knows them without each controller repeating them: 400 for anything that
 * takes input, 401/403 behind the bearer token, 404 for a path naming a record, 415 for a JSON
 * body, and 500. An operation's own description of a status (409, 422, …) is kept.
 */
export function documentErrors(doc: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = (item as Record<string, Operation | undefined>)[method];
      if (!op) continue;
      const add = (status: number, description: string) => {
        const r = op.responses[String(status)];
        if (!r) op.responses[String(status)] = { description, content: { 'application/json': { schema: ERROR } } };
        else r.content ??= { 'application/json': { schema: ERROR } };
      };
      if (op.parameters?.length || op.requestBody) add(400, 'The request is invalid; details name each field');
      if (op.security?.length) {
        add(401, 'No or an unknown API token');
        add(403, "The token's role may not do this");
      }
      if (/\{[^}]+\}/.test(path)) add(404, 'No such record');
      // Webhooks read their own bytes and answer a wrong Content-Type with a 400.
      if (op.requestBody?.content?.['application/json'] && !path.includes('/webhooks/'))
        add(415, 'The body is not application/json');
      add(500, 'Unexpected error (logged)');
    }
  }
  return doc;
}
