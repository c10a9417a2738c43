import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { TrackerKind } from './issue-tracker.js';

/** Delivery ids already accepted, so a redelivery changes nothing. */
@Entity('webhook_delivery')
export class WebhookDelivery {
  @PrimaryColumn({ type: 'text' }) source: TrackerKind;
  @PrimaryColumn({ type: 'text' }) deliveryId: string;
  @CreateDateColumn({ type: 'timestamptz' }) receivedAt: Date;
}
