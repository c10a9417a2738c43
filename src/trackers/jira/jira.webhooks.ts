import { isObject, type KindWebhooks, originOf, type WebhookChange } from '../tracker-kind.js';
import { type JiraWebhookPayload, parseJiraWebhook } from './jira.mapper.js';

/** The Jira events that change a ticket; others (comments, worklogs, projects) are ignored. */
export const JIRA_EVENTS = ['jira:issue_created', 'jira:issue_updated', 'jira:issue_deleted'];

/**
 * Jira's issue deliveries: signed when the connection has a secret (Cloud admin webhooks and
 * Data Center can sign), unsigned otherwise, the event in the payload. Data Center sends no
 * delivery id; its bodies carry a timestamp, so equal bodies are the same delivery.
 */
export const jiraWebhooks: KindWebhooks = {
  signatureHeader: 'X-Hub-Signature',
  unsigned: {
    siteField: 'issue.self',
    siteOf: (payload) => originOf(isObject(payload.issue) ? payload.issue.self : undefined),
  },
  deliveryIdHeader: { name: 'X-Atlassian-Webhook-Identifier', required: false },
  eventOf(delivery) {
    const payload = delivery.json();
    return typeof payload.webhookEvent === 'string' ? payload.webhookEvent : '';
  },
  isRelevantEvent: (event) => JIRA_EVENTS.includes(event),
  payloadProblem: (payload) =>
    !isObject(payload.issue) || typeof payload.issue.key !== 'string'
      ? 'is not a Jira issue delivery: issue.key is missing'
      : null,
  change(payload, conn): WebhookChange {
    const body = payload as unknown as JiraWebhookPayload;
    const c = parseJiraWebhook(body, conn.baseUrl, conn.flavor === 'datacenter' ? 'datacenter' : 'cloud');
    if (c.deleted)
      return { kind: 'missing', key: c.issue.key, actor: c.actor, reason: `${c.issue.key} was deleted in Jira` };
    // A move to another project changes the key: the item knows the old one.
    const moved = body.changelog?.items?.find(
      (i) => i.field?.toLowerCase() === 'key' && typeof i.fromString === 'string' && i.fromString !== c.issue.key,
    );
    if (moved && typeof moved.fromString === 'string')
      return {
        kind: 'missing',
        key: moved.fromString,
        actor: c.actor,
        reason: `${moved.fromString} was moved to ${c.issue.key} in Jira`,
      };
    return { kind: 'apply', key: c.issue.key, actor: c.actor, issue: c.issue, incomplete: c.missing.length > 0 };
  },
  docs: {
    summary: 'Receive a Jira issue delivery; an unsigned one (connection without a secret) is re-read from Jira',
    body: "Jira's webhook payload (webhookEvent, user, issue, changelog)",
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
    headers: [
      {
        name: 'X-Hub-Signature',
        required: false,
        description: 'sha256=<hex HMAC-SHA256 of the raw body>; required when the connection has a webhook secret',
      },
      {
        name: 'X-Atlassian-Webhook-Identifier',
        required: false,
        description: 'Delivery id (Jira Cloud); without it the SHA-256 of the body is the id',
      },
    ],
    eventPlaceholder: '<webhookEvent>',
    unauthorized: 'Signature missing (for a connection with a secret) or not matching',
  },
};
