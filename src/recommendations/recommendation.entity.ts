import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { BaseEntity } from '../database/base.entity.js';
import type { Person } from '../people/index.js';
import type { Postmortem } from '../postmortems/index.js';

export const RECOMMENDATION_STATUSES = ['proposed', 'accepted', 'declined'] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];

// Other features' entities are named, not imported: loading an entity must not load another
// feature's services and modules, and the features they belong to may depend on this one.
@Entity('recommendation')
export class Recommendation extends BaseEntity {
  @Index('ix_recommendation_postmortem') @Column({ type: 'uuid' }) postmortemId: string;
  @ManyToOne('Postmortem', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'postmortem_id' })
  postmortem?: Relation<Postmortem>;
  @Column({ type: 'text' }) text: string;
  @Column({ type: 'uuid', nullable: true }) proposedById: string | null;
  @ManyToOne('Person', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'proposed_by_id' })
  proposedBy?: Relation<Person>;
  @Column({ type: 'text', default: 'proposed' }) status: RecommendationStatus;
  @Column({ type: 'text', nullable: true }) declineReason: string | null;
  @Column({ type: 'uuid', nullable: true }) actionItemId: string | null;
}
