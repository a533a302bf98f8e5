import { NotFoundException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { emailDomainOf } from '@als/shared';
import { OrganisationMembershipEntity } from './organisation.entities';

/**
 * A set may be created in an organisation only by its admins and members (POST /api/sets
 * `organisationId`); anyone else is told it does not exist. Run in the transaction that creates the set.
 */
export async function assertMayCreateSetIn(manager: EntityManager, organisationId: string, userId: string): Promise<void> {
  if (!(await manager.existsBy(OrganisationMembershipEntity, { organisationId, userId }))) {
    throw new NotFoundException('Organisation not found: organisationId must name an organisation you are an admin or member of.');
  }
}

/** Whether an organisation requires single sign-on for the domain of this address (password sign-in is then refused). */
export async function ssoRequiredFor(manager: EntityManager, email: string): Promise<boolean> {
  const rows = (await manager.query(
    `SELECT 1 FROM "organisation_email_domains" d JOIN "organisations" o ON o."id" = d."organisationId" WHERE d."domain" = $1 AND o."requireSso"`,
    [emailDomainOf(email)],
  )) as unknown[];
  return rows.length > 0;
}
