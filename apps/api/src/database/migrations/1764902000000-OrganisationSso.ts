import { MigrationInterface, QueryRunner } from 'typeorm';

/** An organisation can require single sign-on for its e-mail domains: password sign-in is then refused for those addresses. */
export class OrganisationSso1764902000000 implements MigrationInterface {
  name = 'OrganisationSso1764902000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "organisations" ADD "requireSso" boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "organisations" DROP COLUMN "requireSso"`);
  }
}
