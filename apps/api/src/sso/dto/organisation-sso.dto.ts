import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, IsUrl, MaxLength, MinLength } from 'class-validator';
import { SSO_CLIENT_ID_MAX, SSO_CLIENT_SECRET_MAX, SSO_ISSUER_MAX, SSO_PROVIDER_NAME_MAX, type OrganisationSsoRequest, type OrganisationSsoResponse, type SsoProviderLookupResponse } from '@als/shared';
import { IsEmailAddress, IsOmittable, IsText, NoControlCharacters } from '@api/common/validators';

export class OrganisationSsoUpdateDto implements OrganisationSsoRequest {
  @ApiProperty({ example: 'Northshire account', maxLength: SSO_PROVIDER_NAME_MAX, description: 'The sign-in page says "Sign in with <name>"' })
  @IsText(SSO_PROVIDER_NAME_MAX)
  name: string;

  @ApiProperty({ example: 'https://login.microsoftonline.com/<tenant>/v2.0', maxLength: SSO_ISSUER_MAX, description: 'The provider’s issuer (https; its /.well-known/openid-configuration is read)' })
  @IsString()
  @MaxLength(SSO_ISSUER_MAX)
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'issuer must be the provider’s https address' })
  issuer: string;

  @ApiProperty({ maxLength: SSO_CLIENT_ID_MAX, description: 'The platform’s client id at the provider' })
  @IsString()
  @MinLength(1, { message: 'clientId must not be empty' })
  @MaxLength(SSO_CLIENT_ID_MAX)
  @NoControlCharacters()
  clientId: string;

  @ApiPropertyOptional({ maxLength: SSO_CLIENT_SECRET_MAX, writeOnly: true, description: 'Required the first time; left out, the stored secret stays. Never answered back; stored encrypted (AES-256-GCM, SSO_SECRET_KEY).' })
  @IsOmittable()
  @IsString()
  @MinLength(1, { message: 'clientSecret must not be empty (leave it out to keep the stored one)' })
  @MaxLength(SSO_CLIENT_SECRET_MAX)
  @NoControlCharacters()
  clientSecret?: string;
}

export class OrganisationSsoResponseDto implements OrganisationSsoResponse {
  @ApiProperty({ description: 'Whether the platform can keep client secrets (SSO_SECRET_KEY is set)' }) available: boolean;
  @ApiProperty() configured: boolean;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
  @ApiProperty({ type: String, nullable: true }) issuer: string | null;
  @ApiProperty({ type: String, nullable: true }) clientId: string | null;
  @ApiProperty({ description: 'Whether a client secret is stored (it is never answered)' }) clientSecretSet: boolean;
  @ApiProperty({ description: 'The redirect URI to register at the provider' }) redirectUri: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) updatedAt: string | null;
}

class SsoProviderDto {
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() name: string;
}

export class SsoProviderLookupResponseDto implements SsoProviderLookupResponse {
  @ApiProperty({ type: SsoProviderDto, nullable: true }) provider: SsoProviderDto | null;
}

export class SsoProviderLookupQueryDto {
  @ApiProperty({ description: 'The address being typed on the sign-in page', example: 'sam@northshire.gov.uk' })
  @IsEmailAddress()
  email: string;
}
