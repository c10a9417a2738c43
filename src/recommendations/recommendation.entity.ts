import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { BaseEntity } from '../database/base.entity.js';
import { Person } from '../people/person.entity.js';
import { Postmortem } from '../postmortems/postmortem.entity.js';

export const RECOMMENDATION_STATUSES = ['proposed', 'accepted', 'declined'] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];

@Entity('recommendation')
export class Recommendation extends BaseEntity {
  @Index('ix_recommendation_postmortem') @Column({ type: 'uuid' }) postmortemId: string;
  @ManyToOne(() => Postmortem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'postmortem_id' })
  postmortem?: Relation<Postmortem>;
  @Column({ type: 'text' }) text: string;
  @Column({ type: 'uuid', nullable: true }) proposedById: string | null;
  @ManyToOne(() => Person, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'proposed_by_id' })
  proposedBy?: Relation<Person>;
  @Column({ type: 'text', default: 'proposed' }) status: RecommendationStatus;
  @Column({ type: 'text', nullable: true }) declineReason: string | null;
  @Column({ type: 'uuid', nullable: true }) actionItemId: string | null;
}
