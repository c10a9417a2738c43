import { invalid } from '../common/domain-errors.js';
import type { ActionItem, ItemStatus } from './action-item.entity.js';

export const OPEN_STATUSES: readonly ItemStatus[] = ['open', 'in_progress'];

/** Done and won't do are closed; open and in progress are not. */
export const isClosed = (s: ItemStatus) => !OPEN_STATUSES.includes(s);

/** Sets status, reason and closedAt together so they never disagree. */
export function applyStatus(item: ActionItem, status: ItemStatus, wontDoReason: string | null, now = new Date()): void {
  if (status === 'wont_do' && !wontDoReason) throw invalid('wontDoReason', 'is required when status is wont_do');
  if (status !== 'wont_do' && wontDoReason) throw invalid('wontDoReason', 'applies only with status wont_do');
  if (isClosed(status) && !isClosed(item.status)) item.closedAt = now;
  if (!isClosed(status)) item.closedAt = null;
  item.status = status;
  item.wontDoReason = status === 'wont_do' ? wontDoReason : null;
}
