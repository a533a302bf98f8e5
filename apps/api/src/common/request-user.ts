import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Request } from 'express';
import type { SetRole } from '@als/shared';
import type { UserEntity } from '@api/users/user.entity';
import type { MembershipEntity } from '@api/sets/membership.entity';
import type { SessionEntity } from '@api/auth/session.entity';
import { PUBLIC_EXTENSION } from './openapi';

export type AuthenticatedRequest = Request & {
  user?: UserEntity;
  session?: SessionEntity;
  membership?: MembershipEntity;
  /** The caller's membership of the set in `:setId` (null: not in it), read by AuthGuard with the session for SetRoleGuard to decide on. */
  membershipOf?: { setId: string; membership: MembershipEntity | null };
};

export const IS_PUBLIC = 'isPublic';
/** The route needs no access token (register, login, health, calendar feeds, invitation preview); the OpenAPI document says so. */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(PUBLIC_EXTENSION, true));

export const SET_ROLES_KEY = 'setRoles';
/** The route is about the set in `:setId`; the caller must hold one of these roles in it. */
export const SetRoles = (...roles: SetRole[]) => SetMetadata(SET_ROLES_KEY, roles);

/** The signed-in user. */
export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): UserEntity => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.user) throw new Error('CurrentUser used on a public route');
  return request.user;
});

/** The session of the signed-in user's request. */
export const CurrentSession = createParamDecorator((_: unknown, context: ExecutionContext): SessionEntity => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.session) throw new Error('CurrentSession used on a public route');
  return request.session;
});

/** The caller's membership of the set in `:setId` (routes guarded by @SetRoles). */
export const CurrentMembership = createParamDecorator((_: unknown, context: ExecutionContext): MembershipEntity => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.membership) throw new Error('CurrentMembership used without @SetRoles');
  return request.membership;
});
