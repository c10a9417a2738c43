// Building blocks of the dashboard summary's SQL (see ActionItemsRepository's summary methods).

/** Positional parameters for hand-written SQL: `p(value)` returns its `$n`. */
export class SqlParams {
  readonly values: unknown[] = [];

  p(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** The summary's filters; `tracker` is a tracker kind, or `none` for items without a ticket. */
export interface SummaryFilter {
  teamId?: string;
  severity?: string;
  priority?: string;
  tracker?: string;
}

/** An aggregate as the driver returns it (bigint counts arrive as strings). */
export type SqlNumber = string | number | null;

export const OPEN_SQL = "ai.status IN ('open', 'in_progress')";

/**
 * The joins every summary query shares (the owner for teams and names, the ticket's connection
 * for its kind) and the WHERE conditions of the filters.
 */
export function itemSource(q: SummaryFilter, params: SqlParams): { from: string; where: string[] } {
  const where: string[] = [];
  if (q.teamId) where.push(`p.team_id = ${params.p(q.teamId)}`);
  if (q.priority) where.push(`ai.priority = ${params.p(q.priority)}`);
  if (q.severity)
    where.push(
      `EXISTS (SELECT 1 FROM postmortem pm WHERE pm.id = ai.postmortem_id AND pm.severity = ${params.p(q.severity)})`,
    );
  if (q.tracker === 'none') where.push('ai.ticket_connection_id IS NULL');
  else if (q.tracker) where.push(`tc.kind = ${params.p(q.tracker)}`);
  return {
    from: 'action_item ai JOIN person p ON p.id = ai.owner_id LEFT JOIN tracker_connection tc ON tc.id = ai.ticket_connection_id',
    where,
  };
}

export const and = (...conds: string[]) => conds.filter(Boolean).join(' AND ') || 'TRUE';

/** A table's row count and last update, as one value that changes when either does. */
export const countsAndLast = (table: string) => `(SELECT concat(count(*), '/', max(updated_at)) FROM ${table})`;
