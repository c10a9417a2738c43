import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Delivery log and job runs of the email notifications; preferences on people; acknowledgement and snooze on items. */
export class EmailNotifications1796140000000 implements MigrationInterface {
  name = 'EmailNotifications1796140000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "email_delivery" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "key" text NOT NULL, "kind" text NOT NULL, "recipient_id" uuid, "recipient_email" text NOT NULL, "cc" jsonb NOT NULL DEFAULT \'[]\', "item_id" uuid, "period" text NOT NULL, "day" date NOT NULL, "status" text NOT NULL DEFAULT \'pending\', "attempts" integer NOT NULL DEFAULT \'0\', "next_attempt_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "last_attempt_at" TIMESTAMP(3) WITH TIME ZONE, "sent_at" TIMESTAMP(3) WITH TIME ZONE, "message_id" text NOT NULL, "last_error" text, "subject" text NOT NULL, "html" text NOT NULL, "text" text NOT NULL, "headers" jsonb NOT NULL DEFAULT \'{}\', CONSTRAINT "PK_a39c05a113fa6130d51558e809a" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_email_delivery_key" ON "email_delivery"  ("key") ');
    await queryRunner.query('CREATE INDEX "ix_email_delivery_recipient" ON "email_delivery"  ("recipient_id") ');
    await queryRunner.query('CREATE INDEX "ix_email_delivery_item" ON "email_delivery"  ("item_id") ');
    await queryRunner.query('CREATE INDEX "ix_email_delivery_status" ON "email_delivery"  ("status") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_email_delivery_item_day" ON "email_delivery"  ("item_id", "day") WHERE kind = \'nudge\'',
    );
    await queryRunner.query('CREATE INDEX "ix_email_delivery_created" ON "email_delivery"  ("created_at") ');
    await queryRunner.query(
      'CREATE INDEX "ix_email_delivery_due" ON "email_delivery"  ("next_attempt_at") WHERE status = \'pending\'',
    );
    await queryRunner.query(
      'CREATE TABLE "job_run" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "name" text NOT NULL, "trigger" text NOT NULL, "as_of" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "started_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "finished_at" TIMESTAMP(3) WITH TIME ZONE, "status" text NOT NULL DEFAULT \'running\', "result" jsonb, "error" text, CONSTRAINT "PK_96fe0b041b8bc157dcec25bd8ef" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_job_run_name_started" ON "job_run"  ("name", "started_at") ');
    await queryRunner.query('ALTER TABLE "person" ADD "email_digest" boolean NOT NULL DEFAULT true');
    await queryRunner.query('ALTER TABLE "person" ADD "email_nudges" boolean NOT NULL DEFAULT true');
    await queryRunner.query('ALTER TABLE "action_item" ADD "acknowledged_at" TIMESTAMP(3) WITH TIME ZONE');
    await queryRunner.query('ALTER TABLE "action_item" ADD "snoozed_until" TIMESTAMP(3) WITH TIME ZONE');
    await queryRunner.query('ALTER TABLE "action_item" ADD "snooze_reason" text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "action_item" DROP COLUMN "snooze_reason"');
    await queryRunner.query('ALTER TABLE "action_item" DROP COLUMN "snoozed_until"');
    await queryRunner.query('ALTER TABLE "action_item" DROP COLUMN "acknowledged_at"');
    await queryRunner.query('ALTER TABLE "person" DROP COLUMN "email_nudges"');
    await queryRunner.query('ALTER TABLE "person" DROP COLUMN "email_digest"');
    await queryRunner.query('DROP INDEX "public"."ix_job_run_name_started"');
    await queryRunner.query('DROP TABLE "job_run"');
    await queryRunner.query('DROP INDEX "public"."ix_email_delivery_due"');
    await queryRunner.query('DROP INDEX "public"."ix_email_delivery_created"');
    await queryRunner.query('DROP INDEX "public"."uq_email_delivery_item_day"');
    await queryRunner.query('DROP INDEX "public"."ix_email_delivery_status"');
    await queryRunner.query('DROP INDEX "public"."ix_email_delivery_item"');
    await queryRunner.query('DROP INDEX "public"."ix_email_delivery_recipient"');
    await queryRunner.query('DROP INDEX "public"."uq_email_delivery_key"');
    await queryRunner.query('DROP TABLE "email_delivery"');
  }
}
