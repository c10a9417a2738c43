import type { MigrationInterface, QueryRunner } from 'typeorm';

export class WebSessions1796136900000 implements MigrationInterface {
  name = 'WebSessions1796136900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "web_session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "secret_hash" text NOT NULL, "token_id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_a20f923225e2b0ea32d675dc9ef" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_web_session_hash" ON "web_session"  ("secret_hash") ');
    await queryRunner.query('CREATE INDEX "ix_web_session_token" ON "web_session"  ("token_id") ');
    await queryRunner.query(
      'ALTER TABLE "web_session" ADD CONSTRAINT "FK_f93b4b5cdc41ceb93efae7bf37c" FOREIGN KEY ("token_id") REFERENCES "api_token"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "web_session" DROP CONSTRAINT "FK_f93b4b5cdc41ceb93efae7bf37c"');
    await queryRunner.query('DROP INDEX "public"."ix_web_session_token"');
    await queryRunner.query('DROP INDEX "public"."uq_web_session_hash"');
    await queryRunner.query('DROP TABLE "web_session"');
  }
}
