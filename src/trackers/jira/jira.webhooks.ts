import type { KindWebhooks, WebhookChange } from '../tracker-kind.js';
import { type JiraWebhookPayload, parseJiraWebhook } from './jira.mapper.js';

/** Jira's issue deliveries. */
export const jiraWebhooks: KindWebhooks = {
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
};
