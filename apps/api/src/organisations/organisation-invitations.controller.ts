import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@api/common/api-errors';
import { ApiTokenParam } from '@api/common/api-params';
import { CurrentUser, Public } from '@api/common/request-user';
import type { UserEntity } from '@api/users/user.entity';
import { OrganisationPeopleService } from './organisation-people.service';
import { OrganisationInvitationPreviewResponseDto, OrganisationMembershipResponseDto } from './dto/organisation.dto';

@ApiTags('organisations')
@ApiErrors(400, 401, 403, 404, 409, 413)
@ApiBearerAuth()
@Controller('organisation-invitations')
export class OrganisationInvitationsController {
  constructor(private readonly people: OrganisationPeopleService) {}

  @Public()
  @Get(':token')
  @ApiTokenParam('token', 'The secret of the invitation link')
  @ApiOkResponse({ type: OrganisationInvitationPreviewResponseDto, description: 'What the link holder may see before accepting' })
  preview(@Param('token') token: string): Promise<OrganisationInvitationPreviewResponseDto> {
    return this.people.preview(token);
  }

  @Post(':token/accept')
  @ApiTokenParam('token', 'The secret of the invitation link')
  @HttpCode(200)
  @ApiOkResponse({ type: OrganisationMembershipResponseDto, description: 'The caller joins the organisation; only the account whose e-mail was invited may accept (else 403)' })
  accept(@CurrentUser() user: UserEntity, @Param('token') token: string): Promise<OrganisationMembershipResponseDto> {
    return this.people.accept(user, token);
  }
}
