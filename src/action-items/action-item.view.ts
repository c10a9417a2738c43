import type { ActionItem } from './action-item.entity.js';

/** The API shape of an action item; `ticket` is null when the item has no ticket. */
export const actionItemView = (i: ActionItem) => ({
  id: i.id,
  postmortemId: i.postmortemId,
  recommendationId: i.recommendationId,
  title: i.title,
  description: i.description,
  successCriteria: i.successCriteria,
  ownerId: i.ownerId,
  dueDate: i.dueDate,
  priority: i.priority,
  horizon: i.horizon,
  type: i.type,
  status: i.status,
  wontDoReason: i.wontDoReason,
  closedAt: i.closedAt,
  ticket:
    i.ticket?.state || i.ticket?.connectionId
      ? {
          connectionId: i.ticket.connectionId,
          // One column holds either; a GitHub owner/repo has a slash, a Jira project key never does.
          project: i.ticket.target?.includes('/') ? null : i.ticket.target,
          repo: i.ticket.target?.includes('/') ? i.ticket.target : null,
          key: i.ticket.key,
          number: i.ticket.number,
          url: i.ticket.url,
          externalStatus: i.ticket.externalStatus,
          lastSyncedAt: i.ticket.lastSyncedAt,
          state: i.ticket.state,
          problem: i.ticket.problem,
        }
      : null,
  acknowledgedAt: i.acknowledgedAt,
  snoozedUntil: i.snoozedUntil,
  snoozeReason: i.snoozeReason,
  qualityFindings: i.qualityFindings,
  qualityOverrideReason: i.qualityOverrideReason,
  createdAt: i.createdAt,
  updatedAt: i.updatedAt,
});
export type ActionItemView = ReturnType<typeof actionItemView>;
