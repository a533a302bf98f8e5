import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { isUUID } from 'class-validator';
import { AuthenticatedRequest, IS_PUBLIC, SET_ROLES_KEY } from '@api/common/request-user';
import { CSRF_HEADER, credentialsOf } from './auth.cookies';
import { CsrfTokens } from './csrf';
import { SessionsService } from './sessions.service';
import { AuthErrorCode, CommonErrorCode } from '@als/shared';
import { forbidden, unauthorized } from '@api/common/domain-error';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Global: every route needs an access token of an open session (Bearer header, or the session
 * cookie plus the session's CSRF token in X-CSRF-Token on changing requests) unless @Public.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
    private readonly csrf: CsrfTokens,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const credentials = credentialsOf(request);
    if (credentials === 'malformed') throw unauthorized(AuthErrorCode.MalformedAuthorization, 'The Authorization header must be "Bearer <accessToken>".');
    if (!credentials) throw unauthorized(CommonErrorCode.Unauthenticated, 'Sign in first.');
    // A route about a set (@SetRoles) gets the caller's membership in the same statement; SetRoleGuard decides on it.
    const setId = request.params.setId;
    const aboutSet = typeof setId === 'string' && isUUID(setId) && this.reflector.getAllAndOverride<unknown>(SET_ROLES_KEY, [context.getHandler(), context.getClass()]) !== undefined;
    const signedIn = await this.sessions.authenticate(credentials.token, aboutSet ? { setId } : {});
    if (!signedIn) throw unauthorized(AuthErrorCode.SessionEnded, 'Your session has ended or expired. Sign in again.');
    if (credentials.via === 'cookie' && !SAFE_METHODS.has(request.method) && !this.csrf.matches(request.headers[CSRF_HEADER], signedIn.session.id)) {
      throw forbidden(AuthErrorCode.CsrfMismatch, 'Missing or wrong X-CSRF-Token header: reload the page and try again.');
    }
    request.user = signedIn.user;
    request.session = signedIn.session;
    if (aboutSet) request.membershipOf = { setId, membership: signedIn.membership ?? null };
    return true;
  }
}
