import { randomBytes } from 'node:crypto';
import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as oidc from 'openid-client';
import { DataSource } from 'typeorm';
import { AuthErrorCode, DEFAULT_TIME_ZONE, emailDomainOf, type SsoProblem } from '@als/shared';
import { hashPassword } from '@api/auth/passwords';
import { type ClientInfo, SessionsService, type StartedSession } from '@api/auth/sessions.service';
import { Clock } from '@api/common/clock';
import { DomainError } from '@api/common/domain-error';
import { AppConfig } from '@api/config/app-config';
import { UserEntity } from '@api/users/user.entity';
import { OrganisationSsoService } from './organisation-sso.service';
import { sameSiteReturnTo, type SsoFlow, SsoFlowCookie, SSO_FLOW_MINUTES } from './sso-flow';
import { SsoSecretKeyError } from './sso-secrets';

const UNIQUE_VIOLATION = '23505';
const DISPLAY_NAME_MAX = 80;

/** A sign-in that cannot go on: the web client's sign-in page says why (`?sso=<problem>`). */
export class SsoRefused extends Error {
  constructor(
    readonly problem: SsoProblem,
    detail: string,
  ) {
    super(detail);
  }
}

export type SsoSignedIn = StartedSession & { user: UserEntity; returnTo: string };

/** A provider ready for a sign-in: the platform's (organisationId null) or an organisation's own. */
interface Provider {
  organisationId: string | null;
  configuration: oidc.Configuration;
}

/**
 * Single sign-on with OpenID Connect (openid-client): the platform's provider (OIDC_ISSUER) and
 * organisations' own (OrganisationSsoService). Authorization code with PKCE, state and nonce kept in
 * a signed httpOnly cookie with whose provider it went to, the provider found by discovery, the ID
 * token checked by the library (signature by the provider's keys, issuer, audience, expiry, nonce).
 * An account is found, or created at the first sign-in, by the provider's `email` claim when
 * `email_verified` is true; a person whose e-mail domain an organisation has verified joins it as a
 * member. An organisation's provider signs in only addresses of the domains that organisation has
 * verified (its admins cannot vouch for anyone else's). Only http issuers on a loopback address are
 * accepted outside production (AppConfig).
 */
@Injectable()
export class SsoService {
  private readonly logger = new Logger(SsoService.name);
  /** Discovered configurations by provider: 'platform', or `<organisationId>|<version>` (a change of the provider is a new key). */
  private readonly discovered = new Map<string, Promise<oidc.Configuration>>();
  readonly flows: SsoFlowCookie;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly sessions: SessionsService,
    private readonly organisations: OrganisationSsoService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.flows = new SsoFlowCookie(config.jwtSecret);
  }

  /** Whether the platform's own provider is set up (OIDC_ISSUER). */
  get enabled(): boolean {
    return Boolean(this.config.OIDC_ISSUER && this.config.OIDC_CLIENT_ID);
  }

  get redirectUri(): string {
    return `${this.config.PUBLIC_URL}/api/auth/oidc/callback`;
  }

  /** The provider's address to send the browser to, and the flow to keep in the cookie; `organisationId` picks that organisation's provider. */
  async start(returnTo: unknown, organisationId: string | null = null): Promise<{ url: string; flow: SsoFlow }> {
    const provider = await this.provider(organisationId);
    const flow: SsoFlow = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
      returnTo: sameSiteReturnTo(returnTo, this.config.PUBLIC_URL),
      organisationId: provider.organisationId,
      expiresAt: this.clock.millis() + SSO_FLOW_MINUTES * 60_000,
    };
    const url = oidc.buildAuthorizationUrl(provider.configuration, {
      redirect_uri: this.redirectUri,
      scope: 'openid email profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(flow.codeVerifier),
      code_challenge_method: 'S256',
      state: flow.state,
      nonce: flow.nonce,
    });
    return { url: url.href, flow };
  }

  /** Completes the sign-in the provider sent back (`callbackPath`: the path and query it called). */
  async callback(callbackPath: string, flowCookie: unknown, client: ClientInfo): Promise<SsoSignedIn> {
    const flow = this.flows.open(flowCookie, this.clock.millis());
    if (!flow) throw new SsoRefused('expired', 'no sign-in under way in this browser (or it took over 10 minutes)');
    const organisationId = typeof flow.organisationId === 'string' ? flow.organisationId : null;
    const provider = await this.provider(organisationId);
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(provider.configuration, new URL(callbackPath, this.config.PUBLIC_URL), { pkceCodeVerifier: flow.codeVerifier, expectedState: flow.state, expectedNonce: flow.nonce, idTokenExpected: true }, { redirect_uri: this.redirectUri });
    } catch (error) {
      throw new SsoRefused('failed', String(error));
    }
    const idToken = tokens.claims();
    if (!idToken) throw new SsoRefused('failed', 'no ID token');
    let claims: Record<string, unknown> = idToken;
    if (typeof idToken.email !== 'string' && tokens.access_token) {
      claims = { ...(await oidc.fetchUserInfo(provider.configuration, tokens.access_token, idToken.sub)), sub: idToken.sub };
    }
    const email = typeof claims.email === 'string' ? claims.email.trim() : '';
    if (!email || claims.email_verified !== true) throw new SsoRefused('unverified', 'the provider did not give a verified e-mail address');
    if (organisationId && !(await this.organisations.ownsAddress(organisationId, email))) {
      throw new SsoRefused('other-domain', `the organisation's provider vouched for an address outside the domains it verified (organisation ${organisationId})`);
    }
    const user = await this.findOrCreate(email, claims.name);
    await this.joinOrganisationsOf(user);
    let started: StartedSession;
    try {
      started = await this.sessions.start(user, client);
    } catch (error) {
      if (error instanceof DomainError && error.code === AuthErrorCode.AccountDisabled) throw new SsoRefused('disabled', error.message);
      throw error;
    }
    return { ...started, user, returnTo: flow.returnTo };
  }

  private async findOrCreate(email: string, name: unknown): Promise<UserEntity> {
    const users = this.db.getRepository(UserEntity);
    const find = () => users.createQueryBuilder('user').where('lower(user.email) = lower(:email)', { email }).getOne();
    const found = await find();
    if (found) return found;
    const fallback = email.slice(0, email.lastIndexOf('@')) || email;
    // eslint-disable-next-line no-control-regex -- control characters are what is removed
    const displayName = (typeof name === 'string' ? name.replace(/[\u0000-\u001f\u007f]/g, ' ').trim() : '') || fallback;
    try {
      return await users.save(
        users.create({
          email,
          // Nobody knows this password: the person signs in with the provider, or sets one by resetting it.
          passwordHash: await hashPassword(randomBytes(32).toString('base64url')),
          displayName: displayName.slice(0, DISPLAY_NAME_MAX),
          timeZone: DEFAULT_TIME_ZONE,
          calendarFeedToken: randomBytes(24).toString('base64url'),
        }),
      );
    } catch (error) {
      // A first sign-in of the same person racing this one created the account.
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
        const raced = await find();
        if (raced) return raced;
      }
      throw error;
    }
  }

  /** Joins the organisation that verified the address's domain (a pending claim does nothing). */
  private async joinOrganisationsOf(user: UserEntity): Promise<void> {
    await this.db.query(
      `INSERT INTO "organisation_memberships" ("organisationId", "userId", "role")
       SELECT d."organisationId", $1, 'member' FROM "organisation_email_domains" d WHERE d."domain" = $2 AND d."verifiedAt" IS NOT NULL
       ON CONFLICT ON CONSTRAINT "UQ_organisation_memberships_organisation_user" DO NOTHING`,
      [user.id, emailDomainOf(user.email)],
    );
  }

  /** The provider of a sign-in: the organisation's own (404 when it has none), or the platform's (404 when not set up). */
  private async provider(organisationId: string | null): Promise<Provider> {
    if (!organisationId) {
      if (!this.enabled) throw new NotFoundException('Single sign-on is not set up on this platform.');
      return { organisationId: null, configuration: await this.discover('platform', this.config.OIDC_ISSUER!, this.config.OIDC_CLIENT_ID!, this.config.OIDC_CLIENT_SECRET) };
    }
    let own: Awaited<ReturnType<OrganisationSsoService['forSignIn']>>;
    try {
      own = await this.organisations.forSignIn(organisationId);
    } catch (error) {
      if (error instanceof SsoSecretKeyError) throw new SsoRefused('failed', error.message);
      throw error;
    }
    if (!own) throw new NotFoundException('This organisation has no single sign-on provider.');
    return { organisationId, configuration: await this.discover(`${organisationId}|${own.version}`, own.issuer, own.clientId, own.clientSecret) };
  }

  /** A provider's configuration by discovery, once per key (again after a failure). */
  private discover(key: string, issuerUrl: string, clientId: string, clientSecret: string | undefined): Promise<oidc.Configuration> {
    let found = this.discovered.get(key);
    if (!found) {
      const issuer = new URL(issuerUrl);
      const execute = issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [];
      found = oidc.discovery(issuer, clientId, clientSecret, undefined, { execute }).catch((error: unknown) => {
        this.discovered.delete(key);
        this.logger.warn({ msg: 'OpenID Connect discovery failed', issuer: issuer.href, error: String(error) });
        throw new SsoRefused('failed', `the provider at ${issuer.href} cannot be reached`);
      });
      // An organisation's earlier versions are of no more use.
      const organisation = key.split('|')[0];
      for (const old of this.discovered.keys()) if (old !== key && old.split('|')[0] === organisation && organisation !== 'platform') this.discovered.delete(old);
      this.discovered.set(key, found);
    }
    return found;
  }
}
