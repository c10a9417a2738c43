import { applyDecorators, Controller, Headers, Post, Req, Res, type RawBodyRequest } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../../common/roles.js';
import { DomainError } from '../../common/domain-errors.js';
import type { TrackerKind } from '../issue-tracker.js';
import { trackerKind } from '../tracker.registry.js';
import { WebhookAnswerDto } from './webhook-answer.dto.js';
import {
  type RequestHeaders,
  WebhookIntakeService,
  type WebhookAnswer,
  type WebhookOutcome,
} from './webhook-intake.service.js';
import { WebhookMetrics } from './webhook.metrics.js';

/** A kind's delivery route in the OpenAPI document, in the words of the kind's webhook rules. */
function DeliveryRoute(kind: TrackerKind): MethodDecorator {
  const docs = trackerKind(kind).webhooks.docs;
  return applyDecorators(
    ApiOperation({ summary: docs.summary }),
    ApiBody({
      description: docs.body,
      schema: { type: 'object', additionalProperties: true },
      examples: docs.examples,
    }),
    // The document lists headers in the reverse order they are applied: reversed, its order stays as clients know it.
    ...[...docs.headers].reverse().map((header) => ApiHeader(header)),
    ApiAcceptedResponse({
      type: WebhookAnswerDto,
      description: '{ accepted: true, duplicate: false }: recorded and queued for processing',
    }),
    ApiOkResponse({
      type: WebhookAnswerDto,
      description: `{ accepted: true, duplicate: true } for a delivery already received, or { accepted: false, ignored: "${docs.eventPlaceholder}" }`,
    }),
    ApiUnauthorizedResponse({ description: docs.unauthorized }),
  );
}

/**
 * Deliveries from the trackers, which do not carry our bearer token: each is verified
 * against the raw body with a connection's webhook secret instead, answered at once and
 * processed as a durable job. One route per kind; the kind's webhook rules say the rest.
 */
@ApiTags('webhooks')
@Public()
@Controller('webhooks')
export class WebhooksController {
  constructor(
    private readonly intake: WebhookIntakeService,
    private readonly metrics: WebhookMetrics,
  ) {}

  @Post('github')
  @DeliveryRoute('github')
  github(
    @Req() req: RawBodyRequest<Request>,
    @Headers() headers: RequestHeaders,
    @Res({ passthrough: true }) res: Response,
  ): Promise<WebhookAnswer> {
    return this.receive('github', req, headers, res);
  }

  @Post('jira')
  @DeliveryRoute('jira')
  jira(
    @Req() req: RawBodyRequest<Request>,
    @Headers() headers: RequestHeaders,
    @Res({ passthrough: true }) res: Response,
  ): Promise<WebhookAnswer> {
    return this.receive('jira', req, headers, res);
  }

  private async receive(
    kind: TrackerKind,
    req: RawBodyRequest<Request>,
    headers: RequestHeaders,
    res: Response,
  ): Promise<WebhookAnswer> {
    const outcome = await this.counted(kind, () => this.intake.receive(kind, req.rawBody, headers));
    res.status(outcome.status);
    return outcome.body;
  }

  /** Counts each delivery's outcome, so a wrong secret shows on /metrics as rejected deliveries. */
  private async counted(source: TrackerKind, intake: () => Promise<WebhookOutcome>): Promise<WebhookOutcome> {
    try {
      const outcome = await intake();
      const body = outcome.body as { accepted?: boolean; duplicate?: boolean };
      this.metrics.deliveries.inc({
        source,
        outcome: !body.accepted ? 'ignored' : body.duplicate ? 'duplicate' : 'accepted',
      });
      return outcome;
    } catch (err) {
      this.metrics.deliveries.inc({
        source,
        outcome: err instanceof DomainError && err.code === 'UNAUTHORIZED' ? 'rejected' : 'invalid',
      });
      throw err;
    }
  }
}
