import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Incremental sync position of one project/repository of one connection. */
@Entity('tracker_sync_cursor')
export class SyncCursor {
  @PrimaryColumn({ type: 'uuid' }) connectionId: string;
  @PrimaryColumn({ type: 'text' }) project: string;
  /** Start of the last successful incremental pass. */
  @Column({ type: 'timestamptz', nullable: true }) lastSyncedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) lastFullSyncAt: Date | null;
  /** GitHub ETag of the last listing with the same `since`. */
  @Column({ type: 'text', nullable: true }) etag: string | null;
  @Column({ type: 'timestamptz', nullable: true }) etagSince: Date | null;
  /** A replica working on this project holds it until then; another skips or waits. */
  @Column({ type: 'timestamptz', nullable: true }) leaseUntil: Date | null;
}
