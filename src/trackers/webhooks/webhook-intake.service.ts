import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, invalid } from '../../common/domain-errors.js';
import { JobsService } from '../../jobs/index.js';
import { TrackerConnection } from '../connections/tracker-connection.entity.js';
import type { TrackerKind } from '../issue-tracker.js';
import { sha256Hex, signedBy } from './webhook-signature.js';

export const TRACKER_WEBHOOK_QUEUE = 'tracker-webhook';

/** The Jira events that change a ticket; others (comments, worklogs, projects) are ignored. */
export const JIRA_EVENTS = ['jira:issue_created', 'jira:issue_updated', 'jira:issue_deleted'];

/** One accepted delivery for one connection: the job's data. */
export interface TrackerWebhookData {
  source: TrackerKind;
  connectionId: string;
  payload: Record<string, unknown>;
  /** False for an unsigned delivery: a hint to re-read the ticket, never applied as it is. */
  verified?: boolean;
}

export type WebhookAnswer = { accepted: true; duplicate: boolean } | { accepted: false; ignored: string };

export interface WebhookOutcome {
  status: 200 | 202;
  body: WebhookAnswer;
}

export interface GithubDeliveryHeaders {
  contentType?: string;
  signature?: string;
  delivery?: string;
  event?: string;
}

export interface JiraDeliveryHeaders {
  contentType?: string;
  signature?: string;
  identifier?: string;
}

const MAX_DELIVERY_ID = 200;
/** Printable ASCII without spaces: GitHub sends a UUID, Jira Cloud an opaque token. */
const DELIVERY_ID = /^[\x21-\x7e]+$/;

const unauthorized = (header: string, problem: string, message: string) =>
  new DomainError('UNAUTHORIZED', message, [{ field: header, problem }]);

/**
 * Receives a delivery: finds the connection whose secret signed it, then records the
 * delivery id and enqueues its processing in one transaction, so a delivery is either
 * accepted and will be processed, or not accepted at all; a redelivery changes nothing.
 */
@Injectable()
export class WebhookIntakeService {
  private readonly logger = new Logger('Webhooks');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly jobs: JobsService,
  ) {}

  async github(raw: Buffer | undefined, headers: GithubDeliveryHeaders): Promise<WebhookOutcome> {
    // The signature first: an unsigned or forged delivery is a 401 whatever its body.
    const body = raw ?? Buffer.alloc(0);
    const candidates = (await this.enabledConnections('github')).filter((c) => c.webhookSecret);
    if (!headers.signature)
      throw unauthorized(
        'X-Hub-Signature-256',
        'is missing',
        'X-Hub-Signature-256 is missing: GitHub deliveries must be signed with the webhook secret of a GitHub connection',
      );
    const signed = signedBy(headers.signature, body, candidates, (c) => c.webhookSecret!);
    if (!candidates.length)
      throw unauthorized(
        'X-Hub-Signature-256',
        'cannot be verified',
        'No enabled GitHub connection has a webhook secret, so no delivery can be verified; set webhookSecret on the connection',
      );
    if (!signed.length)
      throw unauthorized(
        'X-Hub-Signature-256',
        'does not match',
        "X-Hub-Signature-256 does not match the body under any enabled GitHub connection's webhook secret",
      );
    requireBody(raw, headers.contentType);

    const event = headers.event?.trim();
    if (!event) throw invalid('X-GitHub-Event', 'is required');
    const payload = parseJson(body);
    if (event !== 'issues') return ignored(event);
    const deliveryId = deliveryIdFrom('X-GitHub-Delivery', headers.delivery);
    if (!deliveryId) throw invalid('X-GitHub-Delivery', 'is required');
    if (!isObject(payload.issue) || !isObject(payload.repository) || typeof payload.repository.full_name !== 'string')
      throw invalid('body', 'is not an issues delivery: issue or repository.full_name is missing');
    return this.accept('github', deliveryId, signed, payload);
  }

  async jira(raw: Buffer | undefined, headers: JiraDeliveryHeaders): Promise<WebhookOutcome> {
    const body = raw ?? Buffer.alloc(0);
    const all = await this.enabledConnections('jira');
    let connections: TrackerConnection[];
    let payload: Record<string, unknown>;
    if (headers.signature) {
      const withSecret = all.filter((c) => c.webhookSecret);
      connections = signedBy(headers.signature, body, withSecret, (c) => c.webhookSecret!);
      if (!withSecret.length)
        throw unauthorized(
          'X-Hub-Signature',
          'cannot be verified',
          'The delivery is signed but no enabled Jira connection has a webhook secret to verify it with',
        );
      if (!connections.length)
        throw unauthorized(
          'X-Hub-Signature',
          'does not match',
          "X-Hub-Signature does not match the body under any enabled Jira connection's webhook secret",
        );
      payload = parseJson(requireBody(raw, headers.contentType));
    } else {
      // Unsigned deliveries are only for connections without a secret, and only from their own site.
      if (!all.some((c) => !c.webhookSecret))
        throw unauthorized(
          'X-Hub-Signature',
          'is missing',
          'X-Hub-Signature is missing: every enabled Jira connection has a webhook secret, so deliveries must be signed',
        );
      payload = parseJson(requireBody(raw, headers.contentType));
      const unsignedEvent = typeof payload.webhookEvent === 'string' ? payload.webhookEvent : '';
      if (!JIRA_EVENTS.includes(unsignedEvent)) return ignored(unsignedEvent || 'unknown');
      const site = originOf(isObject(payload.issue) ? payload.issue.self : undefined);
      if (!site)
        throw unauthorized(
          'X-Hub-Signature',
          'is missing',
          'X-Hub-Signature is missing and the delivery has no issue.self to tell which Jira site sent it',
        );
      const same = all.filter((c) => originOf(c.baseUrl) === site);
      // A site with a secret must sign: an unsigned delivery naming it is not from it.
      if (same.some((c) => c.webhookSecret))
        throw unauthorized(
          'X-Hub-Signature',
          'is missing',
          `X-Hub-Signature is missing: the Jira connection for ${site} has a webhook secret, so its deliveries must be signed`,
        );
      if (!same.length)
        throw unauthorized(
          'X-Hub-Signature',
          'is missing',
          `X-Hub-Signature is missing and no Jira connection without a webhook secret is on ${site}`,
        );
      connections = same;
    }

    const event = typeof payload.webhookEvent === 'string' ? payload.webhookEvent : '';
    if (!JIRA_EVENTS.includes(event)) return ignored(event || 'unknown');
    if (!isObject(payload.issue) || typeof payload.issue.key !== 'string')
      throw invalid('body', 'is not a Jira issue delivery: issue.key is missing');
    // Data Center sends no identifier; its bodies carry a timestamp, so equal bodies are the same delivery.
    const deliveryId =
      deliveryIdFrom('X-Atlassian-Webhook-Identifier', headers.identifier) ?? `sha256:${sha256Hex(body)}`;
    return this.accept('jira', deliveryId, connections, payload, Boolean(headers.signature));
  }

  private accept(
    source: TrackerKind,
    deliveryId: string,
    connections: TrackerConnection[],
    payload: Record<string, unknown>,
    verified = true,
  ): Promise<WebhookOutcome> {
    return this.ds.transaction(async (m) => {
      if (!(await this.firstDelivery(m, source, deliveryId))) {
        this.logger.log(`Duplicate ${source} delivery ${deliveryId} ignored`);
        return { status: 200, body: { accepted: true, duplicate: true } };
      }
      // Normally one connection; two that share a secret (or a site) both look for the ticket.
      for (const c of connections)
        await this.jobs.send(
          TRACKER_WEBHOOK_QUEUE,
          { source, connectionId: c.id, payload, verified } satisfies TrackerWebhookData,
          {},
          m,
        );
      return { status: 202, body: { accepted: true, duplicate: false } };
    });
  }

  private async firstDelivery(m: EntityManager, source: TrackerKind, deliveryId: string): Promise<boolean> {
    const rows = await m.query<unknown[]>(
      `INSERT INTO webhook_delivery (source, delivery_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING delivery_id`,
      [source, deliveryId],
    );
    return rows.length > 0;
  }

  /** Enabled connections of a kind with their webhook secrets selected (they are `select: false`). */
  private enabledConnections(kind: TrackerKind): Promise<TrackerConnection[]> {
    return this.ds
      .getRepository(TrackerConnection)
      .createQueryBuilder('c')
      .addSelect('c.webhookSecret')
      .where('c.kind = :kind AND c.enabled = true', { kind })
      .orderBy('c.createdAt', 'ASC')
      .getMany();
  }
}

/** The delivery's bytes, once its signature is verified: only JSON is read (GitHub can be set to send forms). */
function requireBody(raw: Buffer | undefined, contentType: string | undefined): Buffer {
  if (!raw?.length) throw invalid('body', 'is missing: deliveries must be application/json with a body');
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType ?? ''))
    throw invalid('Content-Type', 'must be application/json: set the webhook to send JSON');
  return raw;
}

/** The JSON object that was signed (parsed from the raw bytes, not from a re-serialisation). */
function parseJson(body: Buffer): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw invalid('body', 'is not valid JSON');
  }
  if (!isObject(value)) throw invalid('body', 'must be a JSON object');
  return value;
}

/** The header's delivery id, undefined when absent; 400 when it is not a sane id. */
function deliveryIdFrom(header: string, value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (value.length > MAX_DELIVERY_ID || !DELIVERY_ID.test(value))
    throw invalid(header, `must be 1 to ${MAX_DELIVERY_ID} printable characters without spaces`);
  return value;
}

function ignored(event: string): WebhookOutcome {
  return { status: 200, body: { accepted: false, ignored: event.slice(0, 100) } };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function originOf(url: unknown): string | null {
  if (typeof url !== 'string') return null;
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}
