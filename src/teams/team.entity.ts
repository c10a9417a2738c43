import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { BaseEntity } from '../database/base.entity.js';
import type { Person } from '../people/index.js';
import type { TrackerTarget } from '../trackers/index.js';

// Other features' entities are named, not imported: loading an entity must not load another
// feature's services and modules, and the features they belong to may depend on this one.
@Entity('team')
export class Team extends BaseEntity {
  @Index('uq_team_name', { unique: true }) @Column({ type: 'text' }) name: string;
  @Column({ type: 'uuid', nullable: true }) leadId: string | null;
  @ManyToOne('Person', { onDelete: 'SET NULL' }) @JoinColumn({ name: 'lead_id' }) lead?: Relation<Person>;
  /** Where tickets of items owned by this team's people go when accept names no tracker. */
  @Column({ type: 'jsonb', nullable: true }) defaultTracker: TrackerTarget | null;
}
