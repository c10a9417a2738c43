import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('audit_log')
@Index('ix_audit_entity', ['entityType', 'entityId'])
export class AuditLog {
  @PrimaryGeneratedColumn('uuid') id: string;
  @CreateDateColumn({ type: 'timestamptz' }) at: Date;
  /** The API token that acted, or null for the system (sync, webhooks, jobs). */
  @Column({ type: 'uuid', nullable: true }) actorTokenId: string | null;
  @Column({ type: 'text' }) actorName: string;
  @Column({ type: 'text' }) action: string;
  @Column({ type: 'text' }) entityType: string;
  @Column({ type: 'uuid' }) entityId: string;
  /** Changed fields as { field: { from, to } }, or other context of the action. */
  @Column({ type: 'jsonb', default: () => "'{}'" }) changes: Record<string, unknown>;
}
