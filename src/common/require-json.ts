import type { NextFunction, Request, Response } from 'express';
import type { ErrorBody } from './http-exception.filter.js';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\b/i;
const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/**
 * A body the JSON parser will not read (no or another Content-Type) is a 415 naming the header,
 * instead of reaching validation as an empty object and coming back as every field missing.
 * Requests without a body pass: several POSTs take none. Webhooks read their own bytes.
 */
export function requireJsonBodies(skip: (path: string) => boolean) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const length = req.headers['content-length'];
    const hasBody = req.headers['transfer-encoding'] !== undefined || (length !== undefined && Number(length) > 0);
    if (!WITH_BODY.has(req.method) || !hasBody || JSON_TYPE.test(req.headers['content-type'] ?? '') || skip(req.path))
      return next();
    const given = req.headers['content-type'];
    const body: ErrorBody = {
      statusCode: 415,
      error: 'Unsupported Media Type',
      message: `Content-Type ${given ? `${given.split(';')[0]} is not supported` : 'is missing'}: send the body as application/json`,
      details: [{ field: 'Content-Type', problem: 'must be application/json' }],
    };
    res.status(415).json(body);
  };
}
