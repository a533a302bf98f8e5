import { ApiProperty } from '@nestjs/swagger';
import { DOMAIN_STATUSES, type DomainStatus, type OrganisationDomain, type OrganisationDomainsResponse } from '@als/shared';

export class OrganisationDomainResponseDto implements OrganisationDomain {
  @ApiProperty({ example: 'northshire.gov.uk' }) domain: string;
  @ApiProperty({ enum: DOMAIN_STATUSES, description: 'pending: it does nothing yet (nobody joins by it, single sign-on is not required for it)' }) status: DomainStatus;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) verifiedAt: string | null;
  @ApiProperty({ example: 'als-verification=3q2-7w…', description: 'The TXT record to publish at the domain' }) txtRecord: string;
}

export class OrganisationDomainsResponseDto implements OrganisationDomainsResponse {
  @ApiProperty({ type: [OrganisationDomainResponseDto] }) domains: OrganisationDomainResponseDto[];
}
