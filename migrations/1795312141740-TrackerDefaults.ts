import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TrackerDefaults1795312141740 implements MigrationInterface {
  name = 'TrackerDefaults1795312141740';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "team" ADD "default_tracker" jsonb');
    await queryRunner.query('ALTER TABLE "postmortem" ADD "default_tracker" jsonb');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "postmortem" DROP COLUMN "default_tracker"');
    await queryRunner.query('ALTER TABLE "team" DROP COLUMN "default_tracker"');
  }
}
