import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One column for where a ticket lives (a Jira project key or a GitHub owner/repo) instead of
 * ticket_project and ticket_repo, of which exactly one was ever set. Existing values move over.
 */
export class TicketTarget1796140100000 implements MigrationInterface {
  name = 'TicketTarget1796140100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "action_item" ADD "ticket_target" text');
    await queryRunner.query('UPDATE "action_item" SET "ticket_target" = COALESCE("ticket_project", "ticket_repo")');
    await queryRunner.query('ALTER TABLE "action_item" DROP COLUMN "ticket_project"');
    await queryRunner.query('ALTER TABLE "action_item" DROP COLUMN "ticket_repo"');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "action_item" ADD "ticket_repo" text');
    await queryRunner.query('ALTER TABLE "action_item" ADD "ticket_project" text');
    // A GitHub target is owner/repo; a Jira project key never holds a slash.
    await queryRunner.query(
      `UPDATE "action_item" SET "ticket_repo" = CASE WHEN "ticket_target" LIKE '%/%' THEN "ticket_target" END,
                                "ticket_project" = CASE WHEN "ticket_target" NOT LIKE '%/%' THEN "ticket_target" END`,
    );
    await queryRunner.query('ALTER TABLE "action_item" DROP COLUMN "ticket_target"');
  }
}
