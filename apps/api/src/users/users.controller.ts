import { Body, Controller, Get, HttpCode, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { AppConfig } from '@api/config/app-config';
import { ApiErrors } from '@api/common/api-errors';
import { ApiTokenParam } from '@api/common/api-params';
import { CurrentUser, Public } from '@api/common/request-user';
import { MeResponseDto, MeUpdateDto, mapUser } from '@api/auth/dto/auth.dto';
import { UserEntity } from './user.entity';
import { UsersService } from './users.service';

@ApiTags('me')
@ApiErrors(400, 401)
@ApiBearerAuth()
@Controller('me')
export class UsersController {
  constructor(
    private readonly config: AppConfig,
    private readonly users: UsersService,
  ) {}

  @Get()
  @ApiOkResponse({ type: MeResponseDto })
  me(@CurrentUser() user: UserEntity): MeResponseDto {
    return mapMe(this.config, user);
  }

  @Patch()
  @ApiOkResponse({ type: MeResponseDto, description: 'Changes the name, time zone, e-mail reminders or how round e-mails come' })
  async update(@CurrentUser() user: UserEntity, @Body() dto: MeUpdateDto): Promise<MeResponseDto> {
    return mapMe(this.config, await this.users.update(user, dto));
  }

  @Post('calendar-feed/reset')
  @HttpCode(200)
  @ApiOkResponse({ type: MeResponseDto, description: 'A new secret calendar feed address; the old one stops working at once' })
  async resetCalendarFeed(@CurrentUser() user: UserEntity): Promise<MeResponseDto> {
    return mapMe(this.config, await this.users.resetCalendarFeed(user));
  }
}

/** One-click e-mail preferences from links in e-mails (signed, single-purpose, expiring): no sign-in. */
@ApiTags('me')
@ApiErrors(404, 429)
@Controller('email-preferences')
export class EmailPreferencesController {
  constructor(private readonly users: UsersService) {}

  @Public()
  @UseGuards(ThrottlerGuard)
  @Post(':token/reminders-off')
  @ApiTokenParam('token', 'The signed token from the e-mail')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Meeting reminders are off for the person the link was sent to', schema: { type: 'object', properties: { meetingReminders: { type: 'boolean', example: false } } } })
  async remindersOff(@Param('token') token: string): Promise<{ meetingReminders: false }> {
    await this.users.remindersOff(token);
    return { meetingReminders: false };
  }
}

function mapMe(config: AppConfig, user: UserEntity): MeResponseDto {
  return { ...mapUser(user), calendarFeedUrl: `${config.PUBLIC_URL}/api/calendar/${user.calendarFeedToken}.ics`, meetingReminders: user.meetingReminders, roundEmails: user.roundEmails, registration: user.registrationRegulator && user.registrationNumber ? { regulator: user.registrationRegulator, number: user.registrationNumber } : null };
}
