import { Injectable } from '@nestjs/common';
import { ActionItemsService, type ActionItemView } from '../action-items/index.js';
import { todayUtc } from '../common/dates.js';
import { PeopleService } from '../people/index.js';
import type { ActionItemsCsvQuery } from './action-items-csv.query.js';
import { csvLine } from './csv.js';

export const CSV_COLUMNS = [
  'id',
  'title',
  'status',
  'priority',
  'owner_id',
  'owner_name',
  'team_id',
  'due_date',
  'days_overdue',
  'postmortem_id',
  'ticket_key',
  'ticket_url',
  'ticket_state',
  'quality_findings',
  'created_at',
  'closed_at',
] as const;

const PAGE = 200;
const DAY_MS = 86_400_000;

export const daysOverdue = (item: Pick<ActionItemView, 'status' | 'dueDate'>, today: string): number => {
  if (item.status === 'done' || item.status === 'wont_do' || !item.dueDate) return 0;
  return Math.max(0, Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${item.dueDate}T00:00:00Z`)) / DAY_MS));
};

/** The action-item list as CSV lines, read page by page through the list service (never all at once). */
@Injectable()
export class ActionItemsCsvService {
  constructor(
    private readonly items: ActionItemsService,
    private readonly people: PeopleService,
  ) {}

  async *lines(q: ActionItemsCsvQuery): AsyncGenerator<string> {
    yield csvLine([...CSV_COLUMNS]);
    const today = todayUtc();
    const owners = new Map<string, { name: string; teamId: string | null }>();
    let cursor: string | undefined;
    do {
      const page = await this.items.list({ ...q, limit: PAGE, cursor });
      for (const id of new Set(page.items.map((i) => i.ownerId)))
        if (!owners.has(id)) {
          const p = await this.people.get(id);
          owners.set(id, { name: p.name, teamId: p.teamId });
        }
      let chunk = '';
      for (const i of page.items) {
        const owner = owners.get(i.ownerId);
        chunk += csvLine([
          i.id,
          i.title,
          i.status,
          i.priority,
          i.ownerId,
          owner?.name,
          owner?.teamId,
          i.dueDate,
          daysOverdue(i, today),
          i.postmortemId,
          i.ticket?.key ?? (i.ticket?.number ? `#${i.ticket.number}` : null),
          i.ticket?.url,
          i.ticket?.state,
          i.qualityFindings.map((f) => `${f.severity}:${f.rule}`).join(' '),
          i.createdAt,
          i.closedAt,
        ]);
      }
      yield chunk;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
}
