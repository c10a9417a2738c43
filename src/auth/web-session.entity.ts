import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { ApiToken } from './api-token.entity.js';

/** A signed-in browser: the session cookie's secret, stored only as a SHA-256 hash, acting as its API token. */
@Entity('web_session')
export class WebSession {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Index('uq_web_session_hash', { unique: true }) @Column({ type: 'text' }) secretHash: string;
  @Index('ix_web_session_token') @Column({ type: 'uuid' }) tokenId: string;
  @ManyToOne(() => ApiToken, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'token_id' }) token?: Relation<ApiToken>;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz' }) expiresAt: Date;
}
