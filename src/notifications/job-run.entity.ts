import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../database/base.entity.js';

export type JobRunStatus = 'running' | 'ok' | 'error';

/** One run of a notification job (scheduled or started by an admin) and its result. */
@Entity('job_run')
@Index('ix_job_run_name_started', ['name', 'startedAt'])
export class JobRun extends BaseEntity {
  @Column({ type: 'text' }) name: string;
  /** `schedule` (a queued job) or `admin` (POST …/run). */
  @Column({ type: 'text' }) trigger: 'schedule' | 'admin';
  /** The moment the run evaluated its rules as of (the body's `now`, else the start). */
  @Column({ type: 'timestamptz', precision: 3 }) asOf: Date;
  @Column({ type: 'timestamptz', precision: 3 }) startedAt: Date;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) finishedAt: Date | null;
  @Column({ type: 'text', default: 'running' }) status: JobRunStatus;
  @Column({ type: 'jsonb', nullable: true }) result: Record<string, unknown> | null;
  @Column({ type: 'text', nullable: true }) error: string | null;
}
