import type { TrackerTarget } from '../trackers/index.js';
import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { BaseEntity } from '../database/base.entity.js';
import type { Person } from '../people/index.js';
import type { Team } from '../teams/index.js';

export const SEVERITIES = ['SEV-1', 'SEV-2', 'SEV-3', 'SEV-4'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const POSTMORTEM_STATUSES = ['draft', 'in_review', 'published'] as const;
export type PostmortemStatus = (typeof POSTMORTEM_STATUSES)[number];

// Other features' entities are named, not imported: loading an entity must not load another
// feature's services and modules, and the features they belong to may depend on this one.
@Entity('postmortem')
export class Postmortem extends BaseEntity {
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'timestamptz' }) incidentStart: Date;
  @Column({ type: 'timestamptz', nullable: true }) incidentEnd: Date | null;
  @Column({ type: 'text' }) severity: Severity;
  @Column({ type: 'text', default: '' }) summary: string;
  @Column({ type: 'text', default: '' }) impact: string;
  /** Causes and contributing factors: there is never one root cause. */
  @Column({ type: 'jsonb', default: () => "'[]'" }) causes: string[];
  @Column({ type: 'text', nullable: true }) documentUrl: string | null;
  @Column({ type: 'uuid', nullable: true }) facilitatorId: string | null;
  @ManyToOne('Person', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'facilitator_id' })
  facilitator?: Relation<Person>;
  @Index('ix_postmortem_status') @Column({ type: 'text', default: 'draft' }) status: PostmortemStatus;
  @Index('ix_postmortem_team') @Column({ type: 'uuid', nullable: true }) teamId: string | null;
  @ManyToOne('Team', { onDelete: 'SET NULL' }) @JoinColumn({ name: 'team_id' }) team?: Relation<Team>;
  /** Set when the review decided no action items are needed, with the reason. */
  @Column({ type: 'text', nullable: true }) noActionNeededReason: string | null;
  /** Recorded acceptance of the risk of having no critical or high item. */
  @Column({ type: 'text', nullable: true }) riskAcceptanceReason: string | null;
  /** Where tickets of this postmortem's items go when accept names no tracker (before the owner's team default). */
  @Column({ type: 'jsonb', nullable: true }) defaultTracker: TrackerTarget | null;
}
