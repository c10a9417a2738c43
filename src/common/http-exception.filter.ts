import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { DomainError, type ErrorCode } from './domain-errors.js';

const STATUS: Record<ErrorCode, number> = {
  NOT_FOUND: 404,
  CONFLICT: 409,
  VALIDATION: 400,
  UNPROCESSABLE: 422,
  FORBIDDEN: 403,
  UNAUTHORIZED: 401,
  UNAVAILABLE: 503,
};

const REASON: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: unknown;
}

/** Body-parser errors carry `type` and `status` instead of being HttpExceptions. */
interface ParserError {
  type?: string;
  status?: number;
  message?: string;
}

/** Every error leaves as `{ statusCode, error, message, details? }`; unknown errors are a logged 500. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const req = host.switchToHttp().getRequest<Request>();
    const body = this.toBody(exception, req);
    // A DomainError 5xx (a tracker that is down) is an expected answer: a warning, without a stack.
    if (body.statusCode >= 500 && exception instanceof DomainError)
      this.logger.warn({ path: req.path, code: exception.code }, exception.message);
    else if (body.statusCode >= 500) this.logger.error({ err: exception, path: req.path }, 'unhandled error');
    if (!res.headersSent) res.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, req: Request): ErrorBody {
    if (exception instanceof DomainError) {
      return { ...this.body(STATUS[exception.code], exception.message, exception.details), ...exception.extra };
    }
    // Nest wraps body-parser's errors in an HttpException whose cause is the original.
    const parser = (exception instanceof HttpException ? exception.cause : exception) as ParserError | undefined;
    if (parser?.type === 'entity.parse.failed')
      return this.body(400, 'The request body is not valid JSON', [{ field: 'body', problem: 'is not valid JSON' }]);
    if (parser?.type === 'entity.too.large')
      return this.body(413, 'The request body is larger than 1 MB', [
        { field: 'body', problem: 'is larger than 1 MB' },
      ]);
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const response = exception.getResponse();
      if (typeof response === 'object' && response !== null && 'details' in response) {
        const r = response as { message?: string; details?: unknown };
        return this.body(statusCode, String(r.message ?? exception.message), r.details);
      }
      if (
        statusCode === 404 &&
        exception.constructor.name === 'NotFoundException' &&
        /^Cannot /.test(exception.message)
      )
        return this.body(404, `No route ${req.method} ${req.originalUrl.split('?')[0]}`);
      return this.body(statusCode, exception.message);
    }
    if (exception instanceof QueryFailedError) {
      const code = (exception as QueryFailedError & { driverError?: { code?: string } }).driverError?.code;
      // Races that slip past the services' own checks still answer as the conflict they are.
      if (code === '23505') return this.body(409, 'A record with the same unique value already exists');
      if (code === '23503')
        return this.body(409, 'The record is referenced by, or refers to, a record that does not exist');
      if (code === '22P02' || code === '22007' || code === '22008')
        return this.body(400, 'A value has the wrong format');
    }
    return this.body(HttpStatus.INTERNAL_SERVER_ERROR, 'Internal server error');
  }

  private body(statusCode: number, message: string, details?: unknown): ErrorBody {
    const body: ErrorBody = { statusCode, error: REASON[statusCode] ?? 'Error', message };
    if (details !== undefined) body.details = details;
    return body;
  }
}
