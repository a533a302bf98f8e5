import { Body, Controller, Get, HttpCode, Post, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@api/common/api-errors';
import { ApiIdParam } from '@api/common/api-params';
import { CurrentMembership, SetRoles } from '@api/common/request-user';
import { SetRoleGuard } from '@api/common/set-role.guard';
import { MembershipEntity } from '@api/sets/membership.entity';
import { EndingReviewDto, EndingResponseDto, EndingReviewResponseDto } from './dto/ending.dto';
import { EndingService } from './ending.service';

/** The set's ending: the final learning review. Content: facilitators and members only (sponsors 403, anyone else 404). */
@ApiTags('ending')
@ApiErrors(400, 401, 403, 404, 409)
@ApiBearerAuth()
@UseGuards(SetRoleGuard)
@ApiIdParam('setId', 'The set')
@Controller('sets/:setId/ending')
export class EndingController {
  constructor(private readonly ending: EndingService) {}

  @Get()
  @SetRoles('facilitator', 'member')
  @ApiOkResponse({ type: EndingResponseDto, description: 'The ending review: its prompts, your own review, the reviews shared with the set, and how many have written one' })
  view(@CurrentMembership() membership: MembershipEntity): Promise<EndingResponseDto> {
    return this.ending.view(membership);
  }

  @Post('open')
  @HttpCode(200)
  @SetRoles('facilitator')
  @ApiOkResponse({ type: EndingResponseDto, description: 'The ending review is open: members can write theirs until the set is closed (409 when closed)' })
  open(@CurrentMembership() membership: MembershipEntity): Promise<EndingResponseDto> {
    return this.ending.open(membership);
  }

  @Put('review')
  @SetRoles('facilitator', 'member')
  @ApiOkResponse({ type: EndingReviewResponseDto, description: 'Your review, written or replaced (409 before it opens or once the set is closed)' })
  submit(@CurrentMembership() membership: MembershipEntity, @Body() dto: EndingReviewDto): Promise<EndingReviewResponseDto> {
    return this.ending.submit(membership, dto);
  }
}
