import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { forbidden, notFound } from '@api/common/domain-error';
import { Reflector } from '@nestjs/core';
import { InjectRepository } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { Repository } from 'typeorm';
import { SetErrorCode, type SetRole } from '@als/shared';
import { MembershipEntity } from '@api/sets/membership.entity';
import { AuthenticatedRequest, SET_ROLES_KEY } from './request-user';

/**
 * Every route under /sets/:setId passes here. Non-members get 404 (they may not know the set
 * exists); members without the role get 403. Checked on every request, so removal takes effect at once.
 */
@Injectable()
export class SetRoleGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @InjectRepository(MembershipEntity) private readonly memberships: Repository<MembershipEntity>,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const roles = this.reflector.getAllAndOverride<SetRole[] | undefined>(SET_ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (!roles) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const setId = request.params.setId;
    if (!request.user || typeof setId !== 'string' || !isUUID(setId)) throw notFound(SetErrorCode.NotFound, 'Set not found.');
    // Read with the session by AuthGuard when it could (one statement); otherwise here.
    const membership = request.membershipOf?.setId === setId ? request.membershipOf.membership : await this.memberships.findOneBy({ setId, userId: request.user.id });
    if (!membership) throw notFound(SetErrorCode.NotFound, 'Set not found.');
    if (!roles.includes(membership.role)) {
      throw forbidden(SetErrorCode.RoleRequired, `Only a ${roles.join(' or ')} of this set can do this.`);
    }
    request.membership = membership;
    return true;
  }
}
