import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DOMAIN_VERIFICATION_PREFIX, OrganisationErrorCode, type OrganisationDomain, type OrganisationDomainsResponse } from '@als/shared';
import { Clock } from '@api/common/clock';
import { conflict, notFound } from '@api/common/domain-error';
import { DomainTxtResolver } from './domain-txt-resolver';
import { OrganisationEmailDomainEntity } from './organisation.entities';

const UNIQUE_VIOLATION = '23505';

function mapDomain(d: OrganisationEmailDomainEntity): OrganisationDomain {
  return { domain: d.domain, status: d.verifiedAt ? 'verified' : 'pending', verifiedAt: d.verifiedAt ? d.verifiedAt.toISOString() : null, txtRecord: `${DOMAIN_VERIFICATION_PREFIX}${d.verificationToken}` };
}

export function newVerificationToken(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * The e-mail domains an organisation claims, and their verification. A claimed domain is pending:
 * it does nothing until the organisation proves it controls it with a DNS TXT record
 * `als-verification=<token>` at the domain. Only then do people of the domain join the organisation
 * at single sign-on and does "require single sign-on" apply to them. Two organisations may claim a
 * domain; the database lets one at most verify it (partial unique index), however they race.
 */
@Injectable()
export class OrganisationDomainsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly resolver: DomainTxtResolver,
    private readonly clock: Clock,
  ) {}

  async list(organisationId: string): Promise<OrganisationDomainsResponse> {
    const domains = await this.db.getRepository(OrganisationEmailDomainEntity).find({ where: { organisationId }, order: { domain: 'ASC' } });
    return { domains: domains.map(mapDomain) };
  }

  /**
   * Replaces the organisation's claimed domains with `domains` (in `manager`'s transaction): those it
   * keeps keep their token and verification, new ones start pending. 409 for a domain another
   * organisation has verified.
   */
  async replace(manager: EntityManager, organisationId: string, domains: string[]): Promise<void> {
    await this.refuseVerifiedElsewhere(manager, organisationId, domains);
    await manager.query(`DELETE FROM "organisation_email_domains" WHERE "organisationId" = $1 AND NOT ("domain" = ANY($2))`, [organisationId, domains]);
    for (const domain of domains) {
      await manager.query(
        `INSERT INTO "organisation_email_domains" ("organisationId", "domain", "verificationToken") VALUES ($1, $2, $3)
         ON CONFLICT ON CONSTRAINT "PK_organisation_email_domains" DO NOTHING`,
        [organisationId, domain, newVerificationToken()],
      );
    }
  }

  /** Checks the domain's TXT records for the organisation's token; verified, it takes effect. */
  async verify(organisationId: string, domain: string): Promise<OrganisationDomain> {
    const repository = this.db.getRepository(OrganisationEmailDomainEntity);
    const claim = await repository.findOneBy({ organisationId, domain: domain.toLowerCase() });
    if (!claim) throw notFound(OrganisationErrorCode.DomainNotFound, `${domain} is not one of this organisation's e-mail domains: add it first.`);
    if (claim.verifiedAt) return mapDomain(claim);
    const expected = `${DOMAIN_VERIFICATION_PREFIX}${claim.verificationToken}`;
    const records = await this.resolver.resolveTxt(claim.domain);
    if (!records.some((r) => r.trim() === expected)) {
      throw conflict(OrganisationErrorCode.DomainNotVerified, `No TXT record "${expected}" was found at ${claim.domain}: publish it with your DNS provider, then verify again (a new record can take up to an hour to be seen).`);
    }
    try {
      const [rows] = (await this.db.query(`UPDATE "organisation_email_domains" SET "verifiedAt" = $3 WHERE "organisationId" = $1 AND "domain" = $2 AND "verifiedAt" IS NULL RETURNING "verifiedAt"`, [organisationId, claim.domain, this.clock.now()])) as [{ verifiedAt: Date }[], number];
      claim.verifiedAt = rows[0]?.verifiedAt ? new Date(rows[0].verifiedAt) : ((await repository.findOneBy({ organisationId, domain: claim.domain }))?.verifiedAt ?? null);
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw this.taken(claim.domain);
      throw error;
    }
    return mapDomain(claim);
  }

  private async refuseVerifiedElsewhere(manager: EntityManager, organisationId: string, domains: string[]): Promise<void> {
    if (!domains.length) return;
    const taken = (await manager.query(`SELECT "domain" FROM "organisation_email_domains" WHERE "domain" = ANY($1) AND "verifiedAt" IS NOT NULL AND "organisationId" <> $2 ORDER BY "domain"`, [domains, organisationId])) as { domain: string }[];
    if (taken.length) throw conflict(OrganisationErrorCode.DomainTaken, `emailDomains: ${taken.map((t) => t.domain).join(', ')} already belongs to another organisation.`);
  }

  private taken(domain: string) {
    return conflict(OrganisationErrorCode.DomainTaken, `${domain} is already verified by another organisation: it can belong to one only.`);
  }
}
