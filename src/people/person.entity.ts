import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { BaseEntity } from '../database/base.entity.js';

@Entity('person')
export class Person extends BaseEntity {
  @Column({ type: 'text' }) name: string;
  /** Stored lower-cased; unique. */
  @Index('uq_person_email', { unique: true }) @Column({ type: 'text' }) email: string;
  @Column({ type: 'text', default: 'UTC' }) timezone: string;
  @Index('ix_person_team') @Column({ type: 'uuid', nullable: true }) teamId: string | null;
  /**
   * Declares the foreign key; nothing loads it. Teams build on people (a team's lead is a person),
   * so people name the team entity rather than import it, and never read it.
   */
  @ManyToOne('Team', { onDelete: 'SET NULL' }) @JoinColumn({ name: 'team_id' }) team?: never;
  @Column({ type: 'uuid', nullable: true }) managerId: string | null;
  @ManyToOne(() => Person, { onDelete: 'SET NULL' }) @JoinColumn({ name: 'manager_id' }) manager?: Relation<Person>;
  @Column({ type: 'text', nullable: true }) jiraAccountId: string | null;
  @Column({ type: 'text', nullable: true }) jiraUsername: string | null;
  @Column({ type: 'text', nullable: true }) githubLogin: string | null;
  @Column({ type: 'boolean', default: true }) active: boolean;
  /** Receives the weekly digest (the unsubscribe link turns it off). */
  @Column({ type: 'boolean', default: true }) emailDigest: boolean;
  /** Receives assignment notices and nudges about their own items. */
  @Column({ type: 'boolean', default: true }) emailNudges: boolean;
}
