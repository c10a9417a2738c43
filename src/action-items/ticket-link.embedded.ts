import { Column } from 'typeorm';
import type { TicketState } from '../trackers/index.js';

/** missing: the ticket was deleted or moved away; the item keeps its record and is flagged. */
export const TICKET_STATES = ['pending', 'linked', 'failed', 'missing'] as const;
export type TicketLinkState = (typeof TICKET_STATES)[number];

/** The item's ticket on a tracker: embedded as ticket_* columns of action_item. */
export class TicketLink {
  @Column({ type: 'uuid', nullable: true }) connectionId: string | null;
  /** Where the ticket lives: a Jira project key or a GitHub owner/repo (the API shows it as project or repo). */
  @Column({ type: 'text', nullable: true }) target: string | null;
  @Column({ type: 'text', nullable: true }) key: string | null;
  @Column({ type: 'integer', nullable: true }) number: number | null;
  @Column({ type: 'text', nullable: true }) url: string | null;
  @Column({ type: 'text', nullable: true }) externalStatus: string | null;
  @Column({ type: 'timestamptz', nullable: true }) lastSyncedAt: Date | null;
  @Column({ type: 'text', nullable: true }) state: TicketLinkState | null;
  /** Why creation failed, or what sync noticed (deleted, moved, unknown assignee). */
  @Column({ type: 'text', nullable: true }) problem: string | null;
  /** Why creation failed, as the tracker error's code: TEMPORARY and RATE_LIMITED heal by themselves once the tracker answers again. */
  @Column({ type: 'text', nullable: true }) failureCode: string | null;
  /** When the current creation attempt started: marker searches look from here. */
  @Column({ type: 'timestamptz', nullable: true }) attemptStartedAt: Date | null;
  /**
   * The ticket as last seen (state, assignee, due date, update time). Sync applies only what
   * differs from these, so a change the service made itself never reads as a new one.
   */
  @Column({ type: 'text', nullable: true }) remoteState: TicketState | null;
  @Column({ type: 'text', nullable: true }) remoteAssignee: string | null;
  @Column({ type: 'date', nullable: true }) remoteDueDate: string | null;
  @Column({ type: 'timestamptz', nullable: true }) remoteUpdatedAt: Date | null;
  /**
   * The item's `closedAt` when our closing comment was posted on the ticket: a retried close of
   * the same close does not comment twice; a later close (after a reopen) comments again.
   */
  @Column({ type: 'timestamptz', nullable: true }) closeCommentedFor: Date | null;
}
