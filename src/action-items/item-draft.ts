import type { ActionItemDraft, PostmortemItemView } from '../quality/index.js';
import type { ActionItem } from './action-item.entity.js';

/** The item as the quality gate judges a draft (the gate never reads action items itself). */
export const draftOf = (item: ActionItem): ActionItemDraft => ({
  title: item.title,
  description: item.description,
  successCriteria: item.successCriteria,
  ownerId: item.ownerId,
  dueDate: item.dueDate,
  priority: item.priority,
  horizon: item.horizon,
  type: item.type,
  tracker: item.ticket?.connectionId ? { connectionId: item.ticket.connectionId } : null,
});

/** The item as the postmortem-level rules see it. */
export const postmortemItemView = (i: ActionItem): PostmortemItemView => ({
  id: i.id,
  postmortemId: i.postmortemId,
  title: i.title,
  description: i.description,
  priority: i.priority,
  horizon: i.horizon,
  status: i.status,
});
