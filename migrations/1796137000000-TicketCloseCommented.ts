import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Whether the close comment was posted becomes a column, filled from the audit log it was read from until now. */
export class TicketCloseCommented1796137000000 implements MigrationInterface {
  name = 'TicketCloseCommented1796137000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "action_item" ADD "ticket_close_commented_for" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query(
      `UPDATE "action_item" ai SET "ticket_close_commented_for" = c.closed_at
         FROM (SELECT a.entity_id, max((a.changes->>'closedAt')::timestamptz) AS closed_at
                 FROM "audit_log" a
                WHERE a.entity_type = 'action_item' AND a.action = 'ticket.close_commented' AND a.changes->>'closedAt' IS NOT NULL
                GROUP BY a.entity_id) c
        WHERE c.entity_id = ai.id`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "action_item" DROP COLUMN "ticket_close_commented_for"');
  }
}
