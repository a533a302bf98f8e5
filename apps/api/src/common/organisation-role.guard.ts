import { CanActivate, createParamDecorator, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { OrganisationErrorCode } from '@als/shared';
import { forbidden, notFound } from './domain-error';
import { Reflector } from '@nestjs/core';
import { InjectRepository } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { Repository } from 'typeorm';
import type { OrganisationRole } from '@als/shared';
import { OrganisationMembershipEntity } from '@api/organisations/organisation.entities';
import type { AuthenticatedRequest } from './request-user';

export const ORGANISATION_ROLES_KEY = 'organisationRoles';

interface OrganisationRolesRule {
  roles: OrganisationRole[];
  /** Whether people of the organisation without the role get 404 too (CONTRACT.md: its overview is for admins only, others 404). */
  othersNotFound: boolean;
}

/** The route is about the organisation in `:orgId`; the caller must hold one of these roles in it. */
export const OrganisationRoles = (...roles: OrganisationRole[]) => SetMetadata(ORGANISATION_ROLES_KEY, { roles, othersNotFound: false } satisfies OrganisationRolesRule);

/** As OrganisationRoles, and the organisation's people without the role may not learn it exists either (404). */
export const OrganisationRolesOnly = (...roles: OrganisationRole[]) => SetMetadata(ORGANISATION_ROLES_KEY, { roles, othersNotFound: true } satisfies OrganisationRolesRule);

type OrganisationRequest = AuthenticatedRequest & { organisationMembership?: OrganisationMembershipEntity };

/**
 * Every route under /organisations/:orgId passes here, like SetRoleGuard for sets: people outside
 * the organisation get 404 (they may not know it exists); its people without the role get 403.
 * Read on every request, so a change of role or a removal takes effect at once.
 */
@Injectable()
export class OrganisationRoleGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @InjectRepository(OrganisationMembershipEntity) private readonly memberships: Repository<OrganisationMembershipEntity>,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<OrganisationRolesRule | undefined>(ORGANISATION_ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (!rule) return true;
    const request = context.switchToHttp().getRequest<OrganisationRequest>();
    const organisationId = request.params.orgId;
    if (!request.user || typeof organisationId !== 'string' || !isUUID(organisationId)) throw notFound(OrganisationErrorCode.NotFound, 'Organisation not found.');
    const membership = await this.memberships.findOneBy({ organisationId, userId: request.user.id });
    if (!membership) throw notFound(OrganisationErrorCode.NotFound, 'Organisation not found.');
    if (!rule.roles.includes(membership.role)) {
      if (rule.othersNotFound) throw notFound(OrganisationErrorCode.NotFound, 'Organisation not found.');
      throw forbidden(OrganisationErrorCode.RoleRequired, `Only an ${rule.roles.join(' or ')} of this organisation can do this.`);
    }
    request.organisationMembership = membership;
    return true;
  }
}

/** The caller's membership of the organisation in `:orgId` (routes guarded by @OrganisationRoles). */
export const CurrentOrganisationMembership = createParamDecorator((_: unknown, context: ExecutionContext): OrganisationMembershipEntity => {
  const request = context.switchToHttp().getRequest<OrganisationRequest>();
  if (!request.organisationMembership) throw new Error('CurrentOrganisationMembership used without @OrganisationRoles');
  return request.organisationMembership;
});
