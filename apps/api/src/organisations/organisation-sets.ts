import { NotFoundException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { emailDomainOf } from '@als/shared';

/** What a new set of an organisation inherits unless its facilitator says otherwise. */
export interface OrganisationSetDefaults {
  groundRules: string | null;
  retentionDays: number | null;
}

/**
 * A set may be created in an organisation only by its admins and members (POST /api/sets
 * `organisationId`); anyone else is told it does not exist. Answers the organisation's defaults for
 * new sets. Run in the transaction that creates the set.
 */
export async function organisationSetDefaults(manager: EntityManager, organisationId: string, userId: string): Promise<OrganisationSetDefaults> {
  const [row] = (await manager.query(
    `SELECT o."defaultGroundRules", o."defaultRetentionDays" FROM "organisations" o
       JOIN "organisation_memberships" om ON om."organisationId" = o."id" AND om."userId" = $2
      WHERE o."id" = $1`,
    [organisationId, userId],
  )) as { defaultGroundRules: string | null; defaultRetentionDays: number | null }[];
  if (!row) throw new NotFoundException('Organisation not found: organisationId must name an organisation you are an admin or member of.');
  return { groundRules: row.defaultGroundRules, retentionDays: row.defaultRetentionDays };
}

/**
 * Whether an organisation requires single sign-on for the domain of this address (password sign-in
 * is then refused): the button the person should use instead (its own provider's name, or null for
 * the platform's), or false. Only a verified domain counts.
 */
export async function ssoRequiredFor(manager: EntityManager, email: string): Promise<{ providerName: string | null } | false> {
  const [row] = (await manager.query(
    `SELECT p."name" AS "providerName" FROM "organisation_email_domains" d JOIN "organisations" o ON o."id" = d."organisationId"
       LEFT JOIN "organisation_sso_providers" p ON p."organisationId" = o."id"
      WHERE d."domain" = $1 AND d."verifiedAt" IS NOT NULL AND o."requireSso"`,
    [emailDomainOf(email)],
  )) as { providerName: string | null }[];
  return row ? { providerName: row.providerName } : false;
}
