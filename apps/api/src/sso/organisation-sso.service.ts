import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { emailDomainOf, OrganisationErrorCode, type OrganisationSsoResponse, type SsoProviderLookupResponse } from '@als/shared';
import { badRequest, conflict, notFound } from '@api/common/domain-error';
import { AppConfig, issuerAllowed } from '@api/config/app-config';
import { OrganisationSsoProviderEntity } from '@api/organisations/organisation.entities';
import type { OrganisationSsoUpdateDto } from './dto/organisation-sso.dto';
import { SsoSecrets } from './sso-secrets';

/** An organisation's provider, ready for a sign-in: its client secret opened. */
export interface OrganisationProvider {
  organisationId: string;
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Changes whenever an admin changes the provider (the discovery cache's key). */
  version: string;
}

/**
 * Organisations' own OpenID Connect providers, for platforms serving more than one organisation:
 * each organisation's admins set the issuer, the client and the button's label. The client secret is
 * write-only (never answered, never logged) and kept only encrypted (SsoSecrets, SSO_SECRET_KEY).
 */
@Injectable()
export class OrganisationSsoService {
  private readonly logger = new Logger(OrganisationSsoService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly secrets: SsoSecrets,
    private readonly config: AppConfig,
  ) {}

  get redirectUri(): string {
    return `${this.config.PUBLIC_URL}/api/auth/oidc/callback`;
  }

  async get(organisationId: string): Promise<OrganisationSsoResponse> {
    const row = await this.db.getRepository(OrganisationSsoProviderEntity).findOneBy({ organisationId });
    return this.map(row);
  }

  /** Sets the provider (the secret required the first time; left out later, the stored one stays). */
  async put(organisationId: string, dto: OrganisationSsoUpdateDto): Promise<OrganisationSsoResponse> {
    if (!this.secrets.available) {
      throw conflict(OrganisationErrorCode.SsoKeyMissing, 'Single sign-on for an organisation cannot be set up on this platform yet: its operator must set SSO_SECRET_KEY (which encrypts client secrets) first.');
    }
    if (!issuerAllowed(dto.issuer, this.config.NODE_ENV)) {
      throw badRequest(OrganisationErrorCode.InvalidSso, 'issuer must be the provider’s https address, without credentials, query or fragment (for example https://login.microsoftonline.com/<tenant>/v2.0).', 'issuer');
    }
    const saved = await this.db.transaction(async (manager) => {
      // Under the organisation's row: two admins saving at once (the first time, when there is no provider row to lock yet) take turns.
      await manager.query(`SELECT 1 FROM "organisations" WHERE "id" = $1 FOR UPDATE`, [organisationId]);
      const repository = manager.getRepository(OrganisationSsoProviderEntity);
      const existing = await repository.findOneBy({ organisationId });
      if (!existing && !dto.clientSecret) throw badRequest(OrganisationErrorCode.InvalidSso, 'clientSecret is required the first time the provider is set up.', 'clientSecret');
      const sealed = dto.clientSecret ? this.secrets.seal(dto.clientSecret, organisationId) : null;
      const row = existing ?? repository.create({ organisationId });
      row.name = dto.name;
      row.issuer = dto.issuer.replace(/\/+$/, '');
      row.clientId = dto.clientId;
      if (sealed) {
        row.clientSecretCiphertext = sealed.ciphertext;
        row.clientSecretKeyId = sealed.keyId;
      }
      return repository.save(row);
    });
    this.logger.log({ msg: 'organisation single sign-on set', organisationId, issuer: saved.issuer, clientId: saved.clientId, secretChanged: Boolean(dto.clientSecret) });
    return this.map(saved);
  }

  /** Removes the provider; 409 while the organisation requires single sign-on and the platform has none. */
  async remove(organisationId: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      const [organisation] = (await manager.query(`SELECT "requireSso" FROM "organisations" WHERE "id" = $1 FOR UPDATE`, [organisationId])) as { requireSso: boolean }[];
      if (organisation?.requireSso && !this.config.OIDC_ISSUER) {
        throw conflict(OrganisationErrorCode.InvalidSso, 'The organisation requires single sign-on for its domains: turn that off before removing its provider, or nobody of them could sign in.');
      }
      const deleted = await manager.delete(OrganisationSsoProviderEntity, { organisationId });
      if (!deleted.affected) throw notFound(OrganisationErrorCode.NotFound, 'This organisation has no single sign-on provider.');
    });
  }

  /** The provider the sign-in page offers for an address: that of the organisation which verified its domain. */
  async lookup(email: string): Promise<SsoProviderLookupResponse> {
    const [row] = (await this.db.query(
      `SELECT p."organisationId", p."name" FROM "organisation_email_domains" d JOIN "organisation_sso_providers" p ON p."organisationId" = d."organisationId"
        WHERE d."domain" = $1 AND d."verifiedAt" IS NOT NULL`,
      [emailDomainOf(email.trim())],
    )) as { organisationId: string; name: string }[];
    return { provider: row ? { organisationId: row.organisationId, name: row.name } : null };
  }

  /** The organisation's provider with its secret opened (sealed again with the current key when an older one sealed it); null when it has none. */
  async forSignIn(organisationId: string): Promise<OrganisationProvider | null> {
    const repository = this.db.getRepository(OrganisationSsoProviderEntity);
    const row = await repository.findOneBy({ organisationId });
    if (!row) return null;
    const clientSecret = this.secrets.open({ ciphertext: row.clientSecretCiphertext, keyId: row.clientSecretKeyId }, organisationId);
    if (row.clientSecretKeyId !== this.secrets.currentKeyId) {
      const sealed = this.secrets.seal(clientSecret, organisationId);
      // Only if nobody changed it meanwhile; updatedAt stays, so the discovery cache stays valid.
      await this.db.query(`UPDATE "organisation_sso_providers" SET "clientSecretCiphertext" = $2, "clientSecretKeyId" = $3 WHERE "organisationId" = $1 AND "clientSecretKeyId" = $4`, [organisationId, sealed.ciphertext, sealed.keyId, row.clientSecretKeyId]);
    }
    return { organisationId, name: row.name, issuer: row.issuer, clientId: row.clientId, clientSecret, version: `${row.updatedAt.toISOString()}|${row.issuer}|${row.clientId}` };
  }

  /** Whether the address is of a domain the organisation has verified (an organisation's provider signs in only its own people). */
  async ownsAddress(organisationId: string, email: string): Promise<boolean> {
    const rows = (await this.db.query(`SELECT 1 FROM "organisation_email_domains" WHERE "organisationId" = $1 AND "domain" = $2 AND "verifiedAt" IS NOT NULL`, [organisationId, emailDomainOf(email)])) as unknown[];
    return rows.length > 0;
  }

  private map(row: OrganisationSsoProviderEntity | null): OrganisationSsoResponse {
    return {
      available: this.secrets.available,
      configured: Boolean(row),
      name: row?.name ?? null,
      issuer: row?.issuer ?? null,
      clientId: row?.clientId ?? null,
      clientSecretSet: Boolean(row?.clientSecretCiphertext),
      redirectUri: this.redirectUri,
      updatedAt: row ? row.updatedAt.toISOString() : null,
    };
  }
}
