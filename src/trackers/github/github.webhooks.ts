import { invalid } from '../../common/domain-errors.js';
import { isObject, type KindWebhooks, type WebhookChange } from '../tracker-kind.js';
import { type GithubIssuesWebhook, parseGithubWebhook } from './github.mapper.js';

/**
 * GitHub's `issues` deliveries: always signed (a GitHub webhook without a secret is not
 * accepted), the event and delivery id in headers.
 */
export const githubWebhooks: KindWebhooks = {
  signatureHeader: 'X-Hub-Signature-256',
  deliveryIdHeader: { name: 'X-GitHub-Delivery', required: true },
  eventOf(delivery) {
    const event = delivery.header('X-GitHub-Event')?.trim();
    if (!event) throw invalid('X-GitHub-Event', 'is required');
    return event;
  },
  isRelevantEvent: (event) => event === 'issues',
  payloadProblem: (payload) =>
    !isObject(payload.issue) || !isObject(payload.repository) || typeof payload.repository.full_name !== 'string'
      ? 'is not an issues delivery: issue or repository.full_name is missing'
      : null,
  change(payload): WebhookChange {
    const body = payload as unknown as GithubIssuesWebhook;
    const c = parseGithubWebhook(body);
    if (!c.gone)
      return {
        kind: 'apply',
        key: c.issue.key,
        actor: c.actor || null,
        issue: c.issue,
        incomplete: c.missing.length > 0,
      };
    const to = body.changes?.new_repository?.full_name;
    const number = body.changes?.new_issue?.number;
    const reason =
      c.action === 'transferred'
        ? `${c.issue.key} was transferred to ${to && number ? `${to}#${number}` : (to ?? 'another repository')}`
        : `${c.issue.key} was deleted on GitHub`;
    return { kind: 'missing', key: c.issue.key, actor: c.actor || null, reason };
  },
  docs: {
    summary: 'Receive a GitHub issues delivery, signed with the connection webhook secret',
    body: "GitHub's issues event payload (only action, issue, repository and sender are read)",
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
    headers: [
      {
        name: 'X-Hub-Signature-256',
        required: true,
        description: 'sha256=<hex HMAC-SHA256 of the raw body with the connection webhook secret>',
      },
      {
        name: 'X-GitHub-Event',
        required: true,
        description: 'Only `issues` is processed; others (e.g. ping) are acknowledged and ignored',
      },
      {
        name: 'X-GitHub-Delivery',
        required: true,
        description: 'Delivery id; a redelivery with the same id changes nothing',
      },
    ],
    eventPlaceholder: '<event>',
    unauthorized: 'Signature missing or not matching any enabled GitHub connection secret',
  },
};
