import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Delivery ids already accepted, so a redelivery changes nothing. */
@Entity('webhook_delivery')
export class WebhookDelivery {
  @PrimaryColumn({ type: 'text' }) source: 'github' | 'jira';
  @PrimaryColumn({ type: 'text' }) deliveryId: string;
  @CreateDateColumn({ type: 'timestamptz' }) receivedAt: Date;
}
