import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DashboardIndexes1796135652229 implements MigrationInterface {
  name = 'DashboardIndexes1796135652229';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX "ix_action_item_created" ON "action_item"  ("created_at") ');
    await queryRunner.query('CREATE INDEX "ix_action_item_updated" ON "action_item"  ("updated_at") ');
    await queryRunner.query(
      'CREATE INDEX "ix_action_item_closed" ON "action_item"  ("closed_at") WHERE closed_at IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_action_item_open_due" ON "action_item"  ("due_date") WHERE status IN (\'open\', \'in_progress\')',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."ix_action_item_open_due"');
    await queryRunner.query('DROP INDEX "public"."ix_action_item_closed"');
    await queryRunner.query('DROP INDEX "public"."ix_action_item_updated"');
    await queryRunner.query('DROP INDEX "public"."ix_action_item_created"');
  }
}
