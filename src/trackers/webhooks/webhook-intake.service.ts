import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, invalid } from '../../common/domain-errors.js';
import { JobsService } from '../../jobs/index.js';
import { TrackerConnection } from '../connections/tracker-connection.entity.js';
import type { TrackerKind } from '../issue-tracker.js';
import {
  isObject,
  type KindWebhooks,
  originOf,
  type TrackerKindSpec,
  type UnsignedDeliveries,
  type IncomingDelivery,
} from '../tracker-kind.js';
import { trackerKind } from '../tracker.registry.js';
import { sha256Hex, signedBy } from './webhook-signature.js';

export const TRACKER_WEBHOOK_QUEUE = 'tracker-webhook';

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

/** Request headers as Node hands them over: lower-case names. */
export type RequestHeaders = Record<string, string | string[] | undefined>;

const MAX_DELIVERY_ID = 200;
/** Printable ASCII without spaces: trackers send UUIDs or opaque tokens. */
const DELIVERY_ID = /^[\x21-\x7e]+$/;

/** Who may have sent a delivery: the connections whose secret signed it, or (unsigned) the kind's rules to tell. */
type Sender = { signed: TrackerConnection[] } | { unsigned: UnsignedDeliveries };

const unauthorized = (header: string, problem: string, message: string) =>
  new DomainError('UNAUTHORIZED', message, [{ field: header, problem }]);

/**
 * Receives a delivery: finds the connection whose secret signed it, then records the
 * delivery id and enqueues its processing in one transaction, so a delivery is either
 * accepted and will be processed, or not accepted at all; a redelivery changes nothing.
 * The kind says which headers carry what and how its payloads read; the order of the checks
 * is the same for every kind.
 */
@Injectable()
export class WebhookIntakeService {
  private readonly logger = new Logger('Webhooks');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly jobs: JobsService,
  ) {}

  async receive(kind: TrackerKind, raw: Buffer | undefined, headers: RequestHeaders): Promise<WebhookOutcome> {
    const spec = trackerKind(kind);
    const rules = spec.webhooks;
    const delivery = new Delivery(raw, headers);
    const all = await this.enabledConnections(kind);
    // The signature first: an unsigned or forged delivery is a 401 whatever its body.
    const signature = delivery.header(rules.signatureHeader);
    const from: Sender = signature
      ? { signed: signers(spec, signature, delivery.body, all) }
      : { unsigned: unsignedRules(spec, all) };
    delivery.requireBody();

    const event = rules.eventOf(delivery);
    const payload = delivery.json();
    if (!rules.isRelevantEvent(event)) return ignored(event || 'unknown');
    const connections = 'signed' in from ? from.signed : unsignedSenders(spec, from.unsigned, payload, all);
    const deliveryId = deliveryIdOf(rules, delivery);
    const problem = rules.payloadProblem(payload);
    if (problem) throw invalid('body', problem);
    return this.accept(kind, deliveryId, connections, payload, 'signed' in from);
  }

  private accept(
    source: TrackerKind,
    deliveryId: string,
    connections: TrackerConnection[],
    payload: Record<string, unknown>,
    verified: boolean,
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

/** Node joins repeated custom headers; a list here would only come from a hand-made request. */
const one = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/** A delivery as the kinds see it: its headers, and its body read as JSON only once it is needed. */
class Delivery implements IncomingDelivery {
  readonly body: Buffer;
  private payload?: Record<string, unknown>;

  constructor(
    private readonly raw: Buffer | undefined,
    private readonly headers: RequestHeaders,
  ) {
    this.body = raw ?? Buffer.alloc(0);
  }

  header(name: string): string | undefined {
    return one(this.headers[name.toLowerCase()]);
  }

  /** The delivery's bytes, once its signature is verified: only JSON is read (a webhook can be set to send forms). */
  requireBody(): Buffer {
    if (!this.raw?.length) throw invalid('body', 'is missing: deliveries must be application/json with a body');
    if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(this.header('Content-Type') ?? ''))
      throw invalid('Content-Type', 'must be application/json: set the webhook to send JSON');
    return this.raw;
  }

  /** The JSON object that was signed (parsed from the raw bytes, not from a re-serialisation). */
  json(): Record<string, unknown> {
    if (this.payload) return this.payload;
    const text = this.requireBody().toString('utf8');
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw invalid('body', 'is not valid JSON');
    }
    if (!isObject(value)) throw invalid('body', 'must be a JSON object');
    return (this.payload = value);
  }
}

/** The connections whose secret signed the body; a 401 when none did or none can. */
function signers(
  spec: TrackerKindSpec,
  signature: string,
  body: Buffer,
  all: TrackerConnection[],
): TrackerConnection[] {
  const { name, webhooks } = spec;
  const header = webhooks.signatureHeader;
  const withSecret = all.filter((c) => c.webhookSecret);
  const signed = signedBy(signature, body, withSecret, (c) => c.webhookSecret!);
  if (!withSecret.length)
    throw unauthorized(
      header,
      'cannot be verified',
      webhooks.unsigned
        ? `The delivery is signed but no enabled ${name} connection has a webhook secret to verify it with`
        : `No enabled ${name} connection has a webhook secret, so no delivery can be verified; set webhookSecret on the connection`,
    );
  if (!signed.length)
    throw unauthorized(
      header,
      'does not match',
      `${header} does not match the body under any enabled ${name} connection's webhook secret`,
    );
  return signed;
}

/** How an unsigned delivery may still be taken; a 401 when the kind or every connection requires a signature. */
function unsignedRules(spec: TrackerKindSpec, all: TrackerConnection[]): UnsignedDeliveries {
  const { name, webhooks } = spec;
  const header = webhooks.signatureHeader;
  if (!webhooks.unsigned)
    throw unauthorized(
      header,
      'is missing',
      `${header} is missing: ${name} deliveries must be signed with the webhook secret of a ${name} connection`,
    );
  if (!all.some((c) => !c.webhookSecret))
    throw unauthorized(
      header,
      'is missing',
      `${header} is missing: every enabled ${name} connection has a webhook secret, so deliveries must be signed`,
    );
  return webhooks.unsigned;
}

/** Unsigned deliveries are only for connections without a secret, and only from their own site. */
function unsignedSenders(
  spec: TrackerKindSpec,
  unsigned: UnsignedDeliveries,
  payload: Record<string, unknown>,
  all: TrackerConnection[],
): TrackerConnection[] {
  const { name } = spec;
  const header = spec.webhooks.signatureHeader;
  const site = unsigned.siteOf(payload);
  if (!site)
    throw unauthorized(
      header,
      'is missing',
      `${header} is missing and the delivery has no ${unsigned.siteField} to tell which ${name} site sent it`,
    );
  const same = all.filter((c) => originOf(c.baseUrl) === site);
  // A site with a secret must sign: an unsigned delivery naming it is not from it.
  if (same.some((c) => c.webhookSecret))
    throw unauthorized(
      header,
      'is missing',
      `${header} is missing: the ${name} connection for ${site} has a webhook secret, so its deliveries must be signed`,
    );
  if (!same.length)
    throw unauthorized(
      header,
      'is missing',
      `${header} is missing and no ${name} connection without a webhook secret is on ${site}`,
    );
  return same;
}

/** The delivery's id from its header; without one (when the kind allows it), the body's SHA-256. */
function deliveryIdOf(rules: KindWebhooks, delivery: Delivery): string {
  const { name, required } = rules.deliveryIdHeader;
  const value = delivery.header(name);
  if (value === undefined || value === '') {
    if (required) throw invalid(name, 'is required');
    return `sha256:${sha256Hex(delivery.body)}`;
  }
  if (value.length > MAX_DELIVERY_ID || !DELIVERY_ID.test(value))
    throw invalid(name, `must be 1 to ${MAX_DELIVERY_ID} printable characters without spaces`);
  return value;
}

function ignored(event: string): WebhookOutcome {
  return { status: 200, body: { accepted: false, ignored: event.slice(0, 100) } };
}
