import type { KindWebhooks, WebhookChange } from '../tracker-kind.js';
import { type GithubIssuesWebhook, parseGithubWebhook } from './github.mapper.js';

/** GitHub's `issues` deliveries. */
export const githubWebhooks: KindWebhooks = {
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
};
