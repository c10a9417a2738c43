import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { TestApp } from '../support/test-app.js';

export interface ItemRow {
  postmortemId: string;
  ownerId: string;
  createdAt: string;
  dueDate: string;
  status?: 'open' | 'in_progress' | 'done' | 'wont_do';
  closedAt?: string | null;
  priority?: 'critical' | 'high' | 'medium' | 'low';
  ticketConnectionId?: string | null;
  title?: string;
}

export const dataSource = (t: TestApp) => t.app.get<DataSource>(getDataSourceToken());

/**
 * An action item written straight to the table: the figures depend on opening and closing
 * instants in the past, which the API (rightly) never lets a client set.
 */
export async function insertItem(t: TestApp, row: ItemRow): Promise<string> {
  const [inserted] = await dataSource(t).query<Array<{ id: string }>>(
    `INSERT INTO action_item (postmortem_id, owner_id, title, success_criteria, due_date, priority, horizon, status,
       wont_do_reason, closed_at, created_at, updated_at, ticket_connection_id, ticket_state)
     VALUES ($1, $2, $3, 'The CI job fails on a migration that locks the orders table', $4, $5, 'short_term', $6,
       $7, $8, $9, $9, $10, $11) RETURNING id`,
    [
      row.postmortemId,
      row.ownerId,
      row.title ?? 'Add a CI check that rejects CREATE INDEX without CONCURRENTLY on tables over 1M rows',
      row.dueDate,
      row.priority ?? 'medium',
      row.status ?? 'open',
      row.status === 'wont_do' ? 'Superseded by the platform migration' : null,
      row.closedAt ?? null,
      row.createdAt,
      row.ticketConnectionId ?? null,
      row.ticketConnectionId ? 'linked' : null,
    ],
  );
  return inserted.id;
}

/** A tracker connection row, for items whose ticket is on it (nothing calls the tracker here). */
export async function insertConnection(t: TestApp, kind: 'jira' | 'github', name: string): Promise<string> {
  const [row] = await dataSource(t).query<Array<{ id: string }>>(
    `INSERT INTO tracker_connection (kind, name, base_url, flavor, token, enabled)
     VALUES ($1, $2, 'https://tracker.invalid', $3, 'unused', false) RETURNING id`,
    [kind, name, kind === 'jira' ? 'cloud' : 'github.com'],
  );
  return row.id;
}

export async function makeTeam(t: TestApp, name: string): Promise<string> {
  const res = await t.as('editor').post('/teams').send({ name });
  if (res.status !== 201) throw new Error(`makeTeam: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/** Days from today as YYYY-MM-DD (negative: in the past). */
export const daysFromToday = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
