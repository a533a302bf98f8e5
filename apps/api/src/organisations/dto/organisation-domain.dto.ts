import { ApiProperty } from '@nestjs/swagger';
import { DOMAIN_STATUSES, type DomainStatus, type OrganisationBrandResponse, type OrganisationDomain, type OrganisationDomainsResponse } from '@als/shared';

export class OrganisationDomainResponseDto implements OrganisationDomain {
  @ApiProperty({ example: 'northshire.gov.uk' }) domain: string;
  @ApiProperty({ enum: DOMAIN_STATUSES, description: 'pending: it does nothing yet (nobody joins by it, single sign-on is not required for it)' }) status: DomainStatus;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) verifiedAt: string | null;
  @ApiProperty({ example: 'als-verification=3q2-7w…', description: 'The TXT record to publish at the domain' }) txtRecord: string;
}

export class OrganisationDomainsResponseDto implements OrganisationDomainsResponse {
  @ApiProperty({ type: [OrganisationDomainResponseDto] }) domains: OrganisationDomainResponseDto[];
}

export class OrganisationBrandResponseDto implements OrganisationBrandResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true, example: '/api/organisations/6b1f…/logo?v=3f2a9c01d4e5' }) logoUrl: string | null;
}
