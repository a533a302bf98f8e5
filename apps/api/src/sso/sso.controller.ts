import { Controller, Get, Logger, NotFoundException, Query, Req, Res } from '@nestjs/common';
import { ApiFoundResponse, ApiOkResponse, ApiProperty, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { SsoSettingsResponse } from '@als/shared';
import { setSessionCookies } from '@api/auth/auth.cookies';
import { clientInfo } from '@api/auth/sessions.service';
import { ApiErrors } from '@api/common/api-errors';
import { Public } from '@api/common/request-user';
import { AppConfig } from '@api/config/app-config';
import { isUUID } from 'class-validator';
import { SsoProviderLookupQueryDto, SsoProviderLookupResponseDto } from './dto/organisation-sso.dto';
import { OrganisationSsoService } from './organisation-sso.service';
import { SSO_FLOW_COOKIE, SSO_FLOW_MINUTES } from './sso-flow';
import { SsoRefused, SsoService } from './sso.service';

class SsoSettingsResponseDto implements SsoSettingsResponse {
  @ApiProperty({ description: 'Whether single sign-on is set up (OIDC_ISSUER)' }) enabled: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'The button says "Sign in with <name>" (OIDC_NAME)' }) name: string | null;
}

/** Single sign-on with OpenID Connect: the browser goes to the provider and comes back signed in (cookies), or to the sign-in page with `?sso=<problem>`. */
@ApiTags('auth')
@ApiErrors(400, 404)
@Controller('auth/oidc')
export class SsoController {
  private readonly logger = new Logger(SsoController.name);

  constructor(
    private readonly sso: SsoService,
    private readonly organisations: OrganisationSsoService,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  @ApiOkResponse({ type: SsoSettingsResponseDto, description: 'What the sign-in page offers' })
  settings(): SsoSettingsResponseDto {
    return { enabled: this.sso.enabled, name: this.sso.enabled ? this.config.OIDC_NAME : null };
  }

  @Public()
  @Get('lookup')
  @ApiOkResponse({ type: SsoProviderLookupResponseDto, description: 'The provider of the organisation that verified the address’s domain, if it has one of its own (null otherwise); 400 for something that is not an address' })
  lookup(@Query() query: SsoProviderLookupQueryDto): Promise<SsoProviderLookupResponseDto> {
    return this.organisations.lookup(query.email);
  }

  @Public()
  @Get('start')
  @ApiQuery({ name: 'returnTo', required: false, description: 'A path on this site to land on once signed in (anything else: /)' })
  @ApiQuery({ name: 'organisationId', required: false, description: 'Sign in with this organisation’s own provider (GET /api/auth/oidc/lookup names it); without it, the platform’s' })
  @ApiFoundResponse({ description: 'To the provider’s authorization endpoint (code flow with PKCE, state and nonce); 404 when that single sign-on is not set up' })
  async start(@Query('returnTo') returnTo: unknown, @Query('organisationId') organisationId: unknown, @Res() response: Response): Promise<void> {
    const own = organisationId === undefined ? null : typeof organisationId === 'string' && isUUID(organisationId) ? organisationId : undefined;
    if (own === undefined) throw new NotFoundException('This organisation has no single sign-on provider.');
    if (!own && !this.sso.enabled) throw new NotFoundException('Single sign-on is not set up on this platform.');
    try {
      const { url, flow } = await this.sso.start(returnTo, own);
      response.cookie(SSO_FLOW_COOKIE, this.sso.flows.seal(flow), { httpOnly: true, sameSite: 'lax', secure: this.config.COOKIE_SECURE, path: '/api/auth/oidc', maxAge: SSO_FLOW_MINUTES * 60_000 });
      response.redirect(302, url);
    } catch (error) {
      this.refused(error, response);
    }
  }

  @Public()
  @Get('callback')
  @ApiFoundResponse({ description: 'Signed in (session cookies) and on to `returnTo` on this site; or, signing nobody in, to /sign-in?sso=failed|expired|unverified|disabled|other-domain' })
  async callback(@Req() request: Request, @Res() response: Response): Promise<void> {
    const flowCookie = ((request.cookies ?? {}) as Record<string, unknown>)[SSO_FLOW_COOKIE];
    if (!this.sso.enabled && flowCookie === undefined) throw new NotFoundException('Single sign-on is not set up on this platform.');
    response.clearCookie(SSO_FLOW_COOKIE, { httpOnly: true, sameSite: 'lax', secure: this.config.COOKIE_SECURE, path: '/api/auth/oidc' });
    try {
      const signedIn = await this.sso.callback(request.originalUrl, flowCookie, clientInfo(request));
      setSessionCookies(response, signedIn, this.config);
      response.redirect(302, `${this.config.PUBLIC_URL}${signedIn.returnTo}`);
    } catch (error) {
      this.refused(error, response);
    }
  }

  private refused(error: unknown, response: Response): void {
    if (!(error instanceof SsoRefused)) throw error;
    this.logger.warn({ msg: 'single sign-on refused', problem: error.problem, detail: error.message });
    response.redirect(302, `${this.config.PUBLIC_URL}/sign-in?sso=${error.problem}`);
  }
}
