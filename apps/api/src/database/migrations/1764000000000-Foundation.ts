import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "users" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "email" character varying(254) NOT NULL,
        "passwordHash" text NOT NULL,
        "displayName" character varying(80) NOT NULL,
        "timeZone" character varying(64) NOT NULL,
        "calendarFeedToken" character varying(64) NOT NULL,
        "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_users" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_users_calendar_feed_token" UNIQUE ("calendarFeedToken")
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_users_email_lower" ON "users" (lower("email"))`);
    await queryRunner.query(`
      CREATE TABLE "sets" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" character varying(120) NOT NULL,
        "purpose" text NOT NULL DEFAULT '',
        "mode" character varying(20) NOT NULL,
        "timeZone" character varying(64) NOT NULL,
        "groundRules" text NOT NULL,
        "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_sets" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_sets_mode" CHECK ("mode" IN ('face-to-face', 'virtual', 'async', 'blended'))
      )`);
    await queryRunner.query(`
      CREATE TABLE "set_memberships" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "setId" uuid NOT NULL,
        "userId" uuid NOT NULL,
        "role" character varying(20) NOT NULL,
        "groundRulesAcceptedAt" TIMESTAMP WITH TIME ZONE NOT NULL,
        "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_set_memberships" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_set_memberships_set_user" UNIQUE ("setId", "userId"),
        CONSTRAINT "CHK_set_memberships_role" CHECK ("role" IN ('facilitator', 'member', 'sponsor')),
        CONSTRAINT "FK_set_memberships_set" FOREIGN KEY ("setId") REFERENCES "sets"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_set_memberships_user" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_set_memberships_user" ON "set_memberships" ("userId")`);
    await queryRunner.query(`
      CREATE TABLE "invitations" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "setId" uuid NOT NULL,
        "email" character varying(254) NOT NULL,
        "role" character varying(20) NOT NULL,
        "tokenHash" character varying(64) NOT NULL,
        "invitedById" uuid,
        "expiresAt" TIMESTAMP WITH TIME ZONE NOT NULL,
        "lastSentAt" TIMESTAMP WITH TIME ZONE NOT NULL,
        "acceptedAt" TIMESTAMP WITH TIME ZONE,
        "acceptedById" uuid,
        "revokedAt" TIMESTAMP WITH TIME ZONE,
        "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_invitations" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_invitations_role" CHECK ("role" IN ('facilitator', 'member', 'sponsor')),
        CONSTRAINT "FK_invitations_set" FOREIGN KEY ("setId") REFERENCES "sets"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_invitations_invited_by" FOREIGN KEY ("invitedById") REFERENCES "users"("id") ON DELETE SET NULL
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_invitations_token_hash" ON "invitations" ("tokenHash")`);
    await queryRunner.query(`CREATE INDEX "IDX_invitations_set" ON "invitations" ("setId")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "invitations"`);
    await queryRunner.query(`DROP TABLE "set_memberships"`);
    await queryRunner.query(`DROP TABLE "sets"`);
    await queryRunner.query(`DROP TABLE "users"`);
  }
}
