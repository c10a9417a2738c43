import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The items list: by owner or team and overdue (the team's open items by due date, not all
 * open items), and sorted by due date (the first page without reading every item).
 */
export class ItemsListIndex1796141000000 implements MigrationInterface {
  name = 'ItemsListIndex1796141000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX "ix_action_item_due" ON "action_item"  ("due_date") ');
    await queryRunner.query(
      'CREATE INDEX "ix_action_item_open_owner_due" ON "action_item"  ("owner_id", "due_date") WHERE status IN (\'open\', \'in_progress\')',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."ix_action_item_open_owner_due"');
    await queryRunner.query('DROP INDEX "public"."ix_action_item_due"');
  }
}
