import { Controller, Headers, Post, Req, Res, type RawBodyRequest } from '@nestjs/common';
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
import { Public } from '../../auth/roles.js';
import { DomainError } from '../../common/domain-errors.js';
import { WebhookAnswerDto } from './webhook-answer.dto.js';
import { WebhookIntakeService, type WebhookAnswer, type WebhookOutcome } from './webhook-intake.service.js';
import { WebhookMetrics } from './webhook.metrics.js';

/** Node joins repeated custom headers; a list here would only come from a hand-made request. */
const one = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/**
 * Deliveries from the trackers, which do not carry our bearer token: each is verified
 * against the raw body with a connection's webhook secret instead, answered at once and
 * processed as a durable job.
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
  @ApiOperation({ summary: 'Receive a GitHub issues delivery, signed with the connection webhook secret' })
  @ApiBody({
    description: "GitHub's issues event payload (only action, issue, repository and sender are read)",
    schema: { type: 'object', additionalProperties: true },
    examples: {
      closed: {
        value: {
          action: 'closed',
          issue: {
            number: 12,
            state: 'closed',
            state_reason: 'not_planned',
            assignee: null,
            labels: [{ name: 'postmortem' }],
            updated_at: '2026-12-01T10:00:00Z',
          },
          repository: { full_name: 'acme/api' },
          sender: { login: 'alice' },
        },
      },
    },
  })
  @ApiHeader({
    name: 'X-Hub-Signature-256',
    required: true,
    description: 'sha256=<hex HMAC-SHA256 of the raw body with the connection webhook secret>',
  })
  @ApiHeader({
    name: 'X-GitHub-Event',
    required: true,
    description: 'Only `issues` is processed; others (e.g. ping) are acknowledged and ignored',
  })
  @ApiHeader({
    name: 'X-GitHub-Delivery',
    required: true,
    description: 'Delivery id; a redelivery with the same id changes nothing',
  })
  @ApiAcceptedResponse({
    type: WebhookAnswerDto,
    description: '{ accepted: true, duplicate: false }: recorded and queued for processing',
  })
  @ApiOkResponse({
    type: WebhookAnswerDto,
    description:
      '{ accepted: true, duplicate: true } for a delivery already received, or { accepted: false, ignored: "<event>" }',
  })
  @ApiUnauthorizedResponse({ description: 'Signature missing or not matching any enabled GitHub connection secret' })
  async github(
    @Req() req: RawBodyRequest<Request>,
    @Headers() headers: Record<string, string | string[] | undefined>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<WebhookAnswer> {
    const outcome = await this.counted('github', () =>
      this.intake.github(req.rawBody, {
        contentType: one(headers['content-type']),
        signature: one(headers['x-hub-signature-256']),
        event: one(headers['x-github-event']),
        delivery: one(headers['x-github-delivery']),
      }),
    );
    res.status(outcome.status);
    return outcome.body;
  }

  @Post('jira')
  @ApiOperation({
    summary: 'Receive a Jira issue delivery; an unsigned one (connection without a secret) is re-read from Jira',
  })
  @ApiBody({
    description: "Jira's webhook payload (webhookEvent, user, issue, changelog)",
    schema: { type: 'object', additionalProperties: true },
    examples: {
      updated: {
        value: {
          webhookEvent: 'jira:issue_updated',
          user: { accountId: '5b10ac8d82e05b22cc7d4ef5' },
          issue: {
            key: 'OPS-12',
            self: 'https://acme.atlassian.net/rest/api/2/issue/10012',
            fields: { status: { name: 'Done' }, resolution: { name: "Won't Do" }, assignee: null },
          },
        },
      },
    },
  })
  @ApiHeader({
    name: 'X-Hub-Signature',
    required: false,
    description: 'sha256=<hex HMAC-SHA256 of the raw body>; required when the connection has a webhook secret',
  })
  @ApiHeader({
    name: 'X-Atlassian-Webhook-Identifier',
    required: false,
    description: 'Delivery id (Jira Cloud); without it the SHA-256 of the body is the id',
  })
  @ApiAcceptedResponse({
    type: WebhookAnswerDto,
    description: '{ accepted: true, duplicate: false }: recorded and queued for processing',
  })
  @ApiOkResponse({
    type: WebhookAnswerDto,
    description:
      '{ accepted: true, duplicate: true } for a delivery already received, or { accepted: false, ignored: "<webhookEvent>" }',
  })
  @ApiUnauthorizedResponse({ description: 'Signature missing (for a connection with a secret) or not matching' })
  async jira(
    @Req() req: RawBodyRequest<Request>,
    @Headers() headers: Record<string, string | string[] | undefined>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<WebhookAnswer> {
    const outcome = await this.counted('jira', () =>
      this.intake.jira(req.rawBody, {
        contentType: one(headers['content-type']),
        signature: one(headers['x-hub-signature']),
        identifier: one(headers['x-atlassian-webhook-identifier']),
      }),
    );
    res.status(outcome.status);
    return outcome.body;
  }

  /** Counts each delivery's outcome, so a wrong secret shows on /metrics as rejected deliveries. */
  private async counted(source: 'github' | 'jira', intake: () => Promise<WebhookOutcome>): Promise<WebhookOutcome> {
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
