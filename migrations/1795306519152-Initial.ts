import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795306519152 implements MigrationInterface {
  name = 'Initial1795306519152';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "team" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "name" text NOT NULL, "lead_id" uuid, CONSTRAINT "PK_f57d8293406df4af348402e4b74" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_team_name" ON "team"  ("name") ');
    await queryRunner.query(
      'CREATE TABLE "person" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "name" text NOT NULL, "email" text NOT NULL, "timezone" text NOT NULL DEFAULT \'UTC\', "team_id" uuid, "manager_id" uuid, "jira_account_id" text, "jira_username" text, "github_login" text, "active" boolean NOT NULL DEFAULT true, CONSTRAINT "PK_5fdaf670315c4b7e70cce85daa3" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_person_email" ON "person"  ("email") ');
    await queryRunner.query('CREATE INDEX "ix_person_team" ON "person"  ("team_id") ');
    await queryRunner.query(
      'CREATE TABLE "postmortem" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "title" text NOT NULL, "incident_start" TIMESTAMP WITH TIME ZONE NOT NULL, "incident_end" TIMESTAMP WITH TIME ZONE, "severity" text NOT NULL, "summary" text NOT NULL DEFAULT \'\', "impact" text NOT NULL DEFAULT \'\', "causes" jsonb NOT NULL DEFAULT \'[]\', "document_url" text, "facilitator_id" uuid, "status" text NOT NULL DEFAULT \'draft\', "team_id" uuid, "no_action_needed_reason" text, "risk_acceptance_reason" text, CONSTRAINT "PK_9967154019aeff2931d615f523a" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_postmortem_status" ON "postmortem"  ("status") ');
    await queryRunner.query('CREATE INDEX "ix_postmortem_team" ON "postmortem"  ("team_id") ');
    await queryRunner.query(
      'CREATE TABLE "recommendation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "postmortem_id" uuid NOT NULL, "text" text NOT NULL, "proposed_by_id" uuid, "status" text NOT NULL DEFAULT \'proposed\', "decline_reason" text, "action_item_id" uuid, CONSTRAINT "PK_17cb51984a6627ef2ce7370e23c" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_recommendation_postmortem" ON "recommendation"  ("postmortem_id") ');
    await queryRunner.query(
      'CREATE TABLE "action_item" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "postmortem_id" uuid NOT NULL, "recommendation_id" uuid, "title" text NOT NULL, "description" text, "success_criteria" text NOT NULL, "owner_id" uuid NOT NULL, "due_date" date NOT NULL, "priority" text NOT NULL, "horizon" text NOT NULL, "type" text, "status" text NOT NULL DEFAULT \'open\', "wont_do_reason" text, "closed_at" TIMESTAMP WITH TIME ZONE, "quality_findings" jsonb NOT NULL DEFAULT \'[]\', "quality_override_reason" text, "ticket_connection_id" uuid, "ticket_project" text, "ticket_repo" text, "ticket_key" text, "ticket_number" integer, "ticket_url" text, "ticket_external_status" text, "ticket_last_synced_at" TIMESTAMP WITH TIME ZONE, "ticket_state" text, "ticket_problem" text, "ticket_attempt_started_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_1214f6f4d832c402751617361c0" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_action_item_postmortem" ON "action_item"  ("postmortem_id") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_action_item_recommendation" ON "action_item"  ("recommendation_id") ',
    );
    await queryRunner.query('CREATE INDEX "ix_action_item_owner" ON "action_item"  ("owner_id") ');
    await queryRunner.query('CREATE INDEX "ix_action_item_status" ON "action_item"  ("status") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "ix_action_item_ticket" ON "action_item"  ("ticket_connection_id", "ticket_key") WHERE ticket_key IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE TABLE "audit_log" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_token_id" uuid, "actor_name" text NOT NULL, "action" text NOT NULL, "entity_type" text NOT NULL, "entity_id" uuid NOT NULL, "changes" jsonb NOT NULL DEFAULT \'{}\', CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_audit_entity" ON "audit_log"  ("entity_type", "entity_id") ');
    await queryRunner.query(
      'CREATE TABLE "api_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "role" text NOT NULL, "token_hash" text NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_d862311c568d175c26f41bc6f98" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_api_token_hash" ON "api_token"  ("token_hash") ');
    await queryRunner.query(
      'CREATE TABLE "tracker_sync_cursor" ("connection_id" uuid NOT NULL, "project" text NOT NULL, "last_synced_at" TIMESTAMP WITH TIME ZONE, "last_full_sync_at" TIMESTAMP WITH TIME ZONE, "etag" text, "etag_since" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_627920b12e62a674dcb30aae331" PRIMARY KEY ("connection_id", "project"))',
    );
    await queryRunner.query(
      'CREATE TABLE "tracker_connection" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "kind" text NOT NULL, "name" text NOT NULL, "base_url" text NOT NULL, "flavor" text NOT NULL, "email" text, "token" text NOT NULL, "webhook_secret" text, "default_project" text, "labels" jsonb NOT NULL DEFAULT \'[]\', "source" text NOT NULL DEFAULT \'api\', "enabled" boolean NOT NULL DEFAULT true, "rate_limited_until" TIMESTAMP WITH TIME ZONE, "failing_since" TIMESTAMP WITH TIME ZONE, "last_error" text, "last_success_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_a4bc3c24e18d1257ac02d078503" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_tracker_connection_name" ON "tracker_connection"  ("name") ');
    await queryRunner.query(
      'CREATE TABLE "webhook_delivery" ("source" text NOT NULL, "delivery_id" text NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e7b51752253875a5bfede2f3427" PRIMARY KEY ("source", "delivery_id"))',
    );
    await queryRunner.query(
      'ALTER TABLE "team" ADD CONSTRAINT "FK_a71a2056b907bd6d8342afd3fb1" FOREIGN KEY ("lead_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "person" ADD CONSTRAINT "FK_cb033a3b70363fb8a5de534fbc7" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "person" ADD CONSTRAINT "FK_52805351546c5fbcecb95df520f" FOREIGN KEY ("manager_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "postmortem" ADD CONSTRAINT "FK_7b406ff1b35a7420dfd9c8e2f20" FOREIGN KEY ("facilitator_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "postmortem" ADD CONSTRAINT "FK_410114e0507a129e068600e5dab" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "recommendation" ADD CONSTRAINT "FK_e2f9b837995e9cec48e8e435fbf" FOREIGN KEY ("postmortem_id") REFERENCES "postmortem"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "recommendation" ADD CONSTRAINT "FK_47aed8834cb1644c02064ab8e57" FOREIGN KEY ("proposed_by_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "action_item" ADD CONSTRAINT "FK_3a71f04d8d2235c41606602edbc" FOREIGN KEY ("postmortem_id") REFERENCES "postmortem"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "action_item" ADD CONSTRAINT "FK_8a29e16baedf82b41f818cc9686" FOREIGN KEY ("recommendation_id") REFERENCES "recommendation"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "action_item" ADD CONSTRAINT "FK_f9df10a302204c2cdb743e048e3" FOREIGN KEY ("owner_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "action_item" DROP CONSTRAINT "FK_f9df10a302204c2cdb743e048e3"');
    await queryRunner.query('ALTER TABLE "action_item" DROP CONSTRAINT "FK_8a29e16baedf82b41f818cc9686"');
    await queryRunner.query('ALTER TABLE "action_item" DROP CONSTRAINT "FK_3a71f04d8d2235c41606602edbc"');
    await queryRunner.query('ALTER TABLE "recommendation" DROP CONSTRAINT "FK_47aed8834cb1644c02064ab8e57"');
    await queryRunner.query('ALTER TABLE "recommendation" DROP CONSTRAINT "FK_e2f9b837995e9cec48e8e435fbf"');
    await queryRunner.query('ALTER TABLE "postmortem" DROP CONSTRAINT "FK_410114e0507a129e068600e5dab"');
    await queryRunner.query('ALTER TABLE "postmortem" DROP CONSTRAINT "FK_7b406ff1b35a7420dfd9c8e2f20"');
    await queryRunner.query('ALTER TABLE "person" DROP CONSTRAINT "FK_52805351546c5fbcecb95df520f"');
    await queryRunner.query('ALTER TABLE "person" DROP CONSTRAINT "FK_cb033a3b70363fb8a5de534fbc7"');
    await queryRunner.query('ALTER TABLE "team" DROP CONSTRAINT "FK_a71a2056b907bd6d8342afd3fb1"');
    await queryRunner.query('DROP TABLE "webhook_delivery"');
    await queryRunner.query('DROP INDEX "public"."uq_tracker_connection_name"');
    await queryRunner.query('DROP TABLE "tracker_connection"');
    await queryRunner.query('DROP TABLE "tracker_sync_cursor"');
    await queryRunner.query('DROP INDEX "public"."uq_api_token_hash"');
    await queryRunner.query('DROP TABLE "api_token"');
    await queryRunner.query('DROP INDEX "public"."ix_audit_entity"');
    await queryRunner.query('DROP TABLE "audit_log"');
    await queryRunner.query('DROP INDEX "public"."ix_action_item_ticket"');
    await queryRunner.query('DROP INDEX "public"."ix_action_item_status"');
    await queryRunner.query('DROP INDEX "public"."ix_action_item_owner"');
    await queryRunner.query('DROP INDEX "public"."uq_action_item_recommendation"');
    await queryRunner.query('DROP INDEX "public"."ix_action_item_postmortem"');
    await queryRunner.query('DROP TABLE "action_item"');
    await queryRunner.query('DROP INDEX "public"."ix_recommendation_postmortem"');
    await queryRunner.query('DROP TABLE "recommendation"');
    await queryRunner.query('DROP INDEX "public"."ix_postmortem_team"');
    await queryRunner.query('DROP INDEX "public"."ix_postmortem_status"');
    await queryRunner.query('DROP TABLE "postmortem"');
    await queryRunner.query('DROP INDEX "public"."ix_person_team"');
    await queryRunner.query('DROP INDEX "public"."uq_person_email"');
    await queryRunner.query('DROP TABLE "person"');
    await queryRunner.query('DROP INDEX "public"."uq_team_name"');
    await queryRunner.query('DROP TABLE "team"');
  }
}
