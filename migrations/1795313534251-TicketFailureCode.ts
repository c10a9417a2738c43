import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TicketFailureCode1795313534251 implements MigrationInterface {
  name = 'TicketFailureCode1795313534251';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "action_item" ADD "ticket_failure_code" text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "action_item" DROP COLUMN "ticket_failure_code"');
  }
}
