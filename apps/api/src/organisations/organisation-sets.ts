import { NotFoundException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
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
