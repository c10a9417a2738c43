import type { DashboardQuery } from './dashboard-query.dto.js';

/** Positional parameters for hand-written SQL: `p(value)` returns its `$n`. */
export class SqlParams {
  readonly values: unknown[] = [];

  p(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export const OPEN_SQL = "ai.status IN ('open', 'in_progress')";

/**
 * The joins every summary query shares (the owner for teams and names, the ticket's connection
 * for its kind) and the WHERE conditions of the filters.
 */
export function itemSource(q: DashboardQuery, params: SqlParams): { from: string; where: string[] } {
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
