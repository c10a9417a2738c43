import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TrackerSync1795310342031 implements MigrationInterface {
  name = 'TrackerSync1795310342031';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "action_item" ADD "ticket_remote_state" text');
    await queryRunner.query('ALTER TABLE "action_item" ADD "ticket_remote_assignee" text');
    await queryRunner.query('ALTER TABLE "action_item" ADD "ticket_remote_due_date" date');
    await queryRunner.query('ALTER TABLE "action_item" ADD "ticket_remote_updated_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query('ALTER TABLE "tracker_sync_cursor" ADD "lease_until" TIMESTAMP WITH TIME ZONE');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "tracker_sync_cursor" DROP COLUMN "lease_until"');
    await queryRunner.query('ALTER TABLE "action_item" DROP COLUMN "ticket_remote_updated_at"');
    await queryRunner.query('ALTER TABLE "action_item" DROP COLUMN "ticket_remote_due_date"');
    await queryRunner.query('ALTER TABLE "action_item" DROP COLUMN "ticket_remote_assignee"');
    await queryRunner.query('ALTER TABLE "action_item" DROP COLUMN "ticket_remote_state"');
  }
}
