import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiErrors } from '@api/common/api-errors';
import { CurrentUser, Public } from '@api/common/request-user';
import type { UserEntity } from '@api/users/user.entity';
import { BadgeApplicationsService } from './badge-applications.service';
import { CredentialsService } from './credentials.service';
import { BadgeDecisionDto, BadgeDecisionResponseDto, CredentialRevokeDto, CredentialSummaryResponseDto, CredentialVerificationResponseDto } from './dto/badge.dto';
import { IssuerService } from './issuer.service';
import { StatusListsService } from './status-lists.service';
import { BadgeErrorCode } from '@als/shared';
import { notFound } from '@api/common/domain-error';

const CREDENTIAL_ID = { name: 'credentialId', description: 'The credential', format: 'uuid' } as const;

@ApiTags('badges')
@ApiErrors(400, 401, 403, 404, 409)
@ApiBearerAuth()
@Controller()
export class CredentialsController {
  constructor(
    private readonly credentials: CredentialsService,
    private readonly applications: BadgeApplicationsService,
  ) {}

  @Post('badge-applications/:applicationId/decision')
  @HttpCode(200)
  @ApiParam({ name: 'applicationId', description: 'The application', format: 'uuid' })
  @ApiOkResponse({ type: BadgeDecisionResponseDto, description: 'Approve (issues the credential) or return with feedback; facilitators of the set; 409 once decided' })
  decide(@CurrentUser() user: UserEntity, @Param('applicationId') applicationId: string, @Body() dto: BadgeDecisionDto): Promise<BadgeDecisionResponseDto> {
    return this.applications.decide(user, applicationId, dto);
  }

  @Get('me/credentials')
  @ApiOkResponse({ type: [CredentialSummaryResponseDto], description: 'The caller’s credentials, newest first' })
  mine(@CurrentUser() user: UserEntity): Promise<CredentialSummaryResponseDto[]> {
    return this.credentials.mine(user);
  }

  @Post('credentials/:credentialId/revoke')
  @HttpCode(204)
  @ApiParam(CREDENTIAL_ID)
  @ApiNoContentResponse({ description: 'Its status bit is set and the status list re-signed (facilitators of the set); 409 when already revoked' })
  revoke(@CurrentUser() user: UserEntity, @Param('credentialId') credentialId: string, @Body() dto: CredentialRevokeDto): Promise<void> {
    return this.credentials.revoke(user, credentialId, dto.reason);
  }

  @Get('credentials/:credentialId')
  @Public()
  @ApiParam(CREDENTIAL_ID)
  @ApiProduces('application/vc+ld+json')
  @ApiOkResponse({ description: 'The signed OpenBadgeCredential (no sign-in)', schema: { type: 'object' } })
  async document(@Param('credentialId') credentialId: string, @Res() response: Response): Promise<void> {
    const document = await this.credentials.document(credentialId);
    response.setHeader('Content-Type', 'application/vc+ld+json; charset=utf-8');
    response.send(JSON.stringify(document, null, 2));
  }

  @Get('credentials/:credentialId/verification')
  @Public()
  @ApiParam(CREDENTIAL_ID)
  @ApiOkResponse({ type: CredentialVerificationResponseDto, description: 'The credential verified now on the server (proof, dates, status list): valid, revoked or invalid (no sign-in)' })
  verification(@Param('credentialId') credentialId: string): Promise<CredentialVerificationResponseDto> {
    return this.credentials.verification(credentialId);
  }

  @Get('credentials/:credentialId/badge.svg')
  @Public()
  @ApiParam(CREDENTIAL_ID)
  @ApiProduces('image/svg+xml')
  @ApiOkResponse({ description: 'The badge image with the credential baked in (Open Badges 3.0 SVG baking; no sign-in)', schema: { type: 'string', format: 'binary' } })
  async baked(@Param('credentialId') credentialId: string, @Res() response: Response): Promise<void> {
    const svg = await this.credentials.baked(credentialId);
    response.setHeader('Content-Type', 'image/svg+xml; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="badge-${credentialId}.svg"`);
    response.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    response.send(svg);
  }
}

/** The issuer's public documents: its profile, its did:web DID document, its status lists. */
@ApiTags('badges')
@ApiErrors(404)
@Controller()
export class IssuerController {
  constructor(
    private readonly issuer: IssuerService,
    private readonly statusLists: StatusListsService,
  ) {}

  @Get('issuer')
  @Public()
  @ApiOkResponse({ description: 'The issuer’s Profile (Open Badges 3.0)', schema: { type: 'object' } })
  profile(): Promise<object> {
    return this.issuer.profile();
  }

  @Get('issuer/did.json')
  @Public()
  @ApiOkResponse({ description: 'The did:web DID document (every issuer key, retired ones too); 404 when PUBLIC_URL is not https (the issuer is then a did:key)', schema: { type: 'object' } })
  async didDocument(): Promise<object> {
    const document = await this.issuer.didDocument();
    if (!document) throw notFound(BadgeErrorCode.NoDidDocument, 'This installation’s issuer is a did:key, which needs no document: PUBLIC_URL is not https.');
    return document;
  }

  @Get('status-lists/:listId')
  @Public()
  @ApiParam({ name: 'listId', description: 'The status list', format: 'uuid' })
  @ApiProduces('application/vc+ld+json')
  @ApiOkResponse({ description: 'The signed BitstringStatusListCredential (131,072 entries, revocation)', schema: { type: 'object' } })
  async statusList(@Param('listId') listId: string, @Res() response: Response): Promise<void> {
    const list = /^[0-9a-f-]{36}$/i.test(listId) ? await this.statusLists.get(listId) : null;
    if (!list) throw notFound(BadgeErrorCode.StatusListNotFound, 'No such status list.');
    response.setHeader('Content-Type', 'application/vc+ld+json; charset=utf-8');
    response.setHeader('Cache-Control', 'no-cache');
    response.send(JSON.stringify(list));
  }
}
