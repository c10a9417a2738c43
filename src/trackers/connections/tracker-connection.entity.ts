import { Column, Entity, Index } from 'typeorm';
import { encryptedColumn } from '../../common/credential-cipher.js';
import { BaseEntity } from '../../database/base.entity.js';
import type { TrackerFlavor, TrackerKind } from '../issue-tracker.js';

/** A Jira site or GitHub host the service files tickets in. Credentials never leave the service. */
@Entity('tracker_connection')
export class TrackerConnection extends BaseEntity {
  @Column({ type: 'text' }) kind: TrackerKind;
  @Index('uq_tracker_connection_name', { unique: true }) @Column({ type: 'text' }) name: string;
  @Column({ type: 'text' }) baseUrl: string;
  @Column({ type: 'text' }) flavor: TrackerFlavor;
  /** Jira Cloud account email. */
  @Column({ type: 'text', nullable: true }) email: string | null;
  /** API token / personal access token: write-only through the API, encrypted at rest. */
  @Column({ type: 'text', select: false, transformer: encryptedColumn('tracker_connection.token') }) token: string;
  @Column({
    type: 'text',
    nullable: true,
    select: false,
    transformer: encryptedColumn('tracker_connection.webhook_secret'),
  })
  webhookSecret: string | null;
  @Column({ type: 'text', nullable: true }) defaultProject: string | null;
  @Column({ type: 'jsonb', default: () => "'[]'" }) labels: string[];
  /** `env` for the default connections built from environment variables. */
  @Column({ type: 'text', default: 'api' }) source: 'api' | 'env';
  @Column({ type: 'boolean', default: true }) enabled: boolean;
  /** Health, shown on /health: ok, rate limited until, failing since. */
  @Column({ type: 'timestamptz', nullable: true }) rateLimitedUntil: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) failingSince: Date | null;
  @Column({ type: 'text', nullable: true }) lastError: string | null;
  @Column({ type: 'timestamptz', nullable: true }) lastSuccessAt: Date | null;
}
