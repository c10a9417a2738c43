import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { BaseEntity } from '../database/base.entity.js';
import type { Person } from '../people/index.js';
import type { Postmortem } from '../postmortems/index.js';
import type { Recommendation } from '../recommendations/index.js';
import type { ActionItemType, Finding, Horizon, Priority } from '../quality/index.js';
import { TicketLink } from './ticket-link.embedded.js';

// The quality gate judges these fields, so it defines their values.
export { HORIZONS, ITEM_TYPES, PRIORITIES } from '../quality/index.js';
export const ITEM_STATUSES = ['open', 'in_progress', 'done', 'wont_do'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

// Other features' entities are named, not imported: loading an entity must not load another
// feature's services and modules, and the features they belong to may depend on this one.
@Entity('action_item')
@Index('ix_action_item_ticket', ['ticket.connectionId', 'ticket.key'], {
  unique: true,
  where: 'ticket_key IS NOT NULL',
})
// For the dashboard's aggregates: opened and closed per range, open items by due date, a cheap data version.
@Index('ix_action_item_created', ['createdAt'])
@Index('ix_action_item_updated', ['updatedAt'])
@Index('ix_action_item_closed', ['closedAt'], { where: 'closed_at IS NOT NULL' })
@Index('ix_action_item_open_due', ['dueDate'], { where: "status IN ('open', 'in_progress')" })
// The items list: sorted by due date; by owner or team and overdue (one owner's open items by due date).
@Index('ix_action_item_due', ['dueDate'])
@Index('ix_action_item_open_owner_due', ['ownerId', 'dueDate'], { where: "status IN ('open', 'in_progress')" })
export class ActionItem extends BaseEntity {
  @Index('ix_action_item_postmortem') @Column({ type: 'uuid' }) postmortemId: string;
  @ManyToOne('Postmortem', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'postmortem_id' })
  postmortem?: Relation<Postmortem>;
  @Index('uq_action_item_recommendation', { unique: true }) @Column({ type: 'uuid', nullable: true }) recommendationId:
    string | null;
  @ManyToOne('Recommendation', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'recommendation_id' })
  recommendation?: Relation<Recommendation>;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text', nullable: true }) description: string | null;
  @Column({ type: 'text' }) successCriteria: string;
  @Index('ix_action_item_owner') @Column({ type: 'uuid' }) ownerId: string;
  @ManyToOne('Person', { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'owner_id' }) owner?: Relation<Person>;
  /** A calendar date (YYYY-MM-DD), not an instant. */
  @Column({ type: 'date' }) dueDate: string;
  @Column({ type: 'text' }) priority: Priority;
  @Column({ type: 'text' }) horizon: Horizon;
  @Column({ type: 'text', nullable: true }) type: ActionItemType | null;
  @Index('ix_action_item_status') @Column({ type: 'text', default: 'open' }) status: ItemStatus;
  @Column({ type: 'text', nullable: true }) wontDoReason: string | null;
  @Column({ type: 'timestamptz', nullable: true }) closedAt: Date | null;
  /** Quality findings as of the last create or edit. */
  @Column({ type: 'jsonb', default: () => "'[]'" }) qualityFindings: Finding[];
  /** Set when an approver accepted the item despite error findings. */
  @Column({ type: 'text', nullable: true }) qualityOverrideReason: string | null;
  @Column(() => TicketLink, { prefix: 'ticket' }) ticket: TicketLink;
  /** When the owner confirmed, through the signed link of the assignment notice, that they own it. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) acknowledgedAt: Date | null;
  /** Nudges pause until then (at most 30 days ahead). */
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) snoozedUntil: Date | null;
  @Column({ type: 'text', nullable: true }) snoozeReason: string | null;
}
