import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { timingSafeEqual } from 'node:crypto';
import { AuthenticatedRequest, IS_PUBLIC } from '@api/common/request-user';
import { AuthService } from './auth.service';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from './auth.cookies';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Global: every route needs a valid access token (Bearer header, or session cookie plus CSRF header) unless @Public. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    let token: string | undefined;
    if (header) {
      const match = /^Bearer (\S+)$/i.exec(header);
      if (!match) throw new UnauthorizedException('The Authorization header must be "Bearer <accessToken>".');
      token = match[1];
    } else {
      const cookies = (request.cookies ?? {}) as Record<string, string | undefined>;
      token = cookies[SESSION_COOKIE];
      if (token && !SAFE_METHODS.has(request.method)) {
        const sent = request.headers[CSRF_HEADER];
        const expected = cookies[CSRF_COOKIE];
        if (typeof sent !== 'string' || !expected || !sameSecret(sent, expected)) {
          throw new ForbiddenException('Missing or wrong X-CSRF-Token header: reload the page and try again.');
        }
      }
    }
    if (!token) throw new UnauthorizedException('Sign in first.');
    const user = await this.auth.userFromToken(token);
    if (!user) throw new UnauthorizedException('Your session has expired or is not valid. Sign in again.');
    request.user = user;
    return true;
  }
}
