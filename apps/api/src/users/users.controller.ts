import { randomBytes } from 'node:crypto';
import { Body, Controller, Get, HttpCode, NotFoundException, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { Repository } from 'typeorm';
import { AppConfig } from '@api/config/app-config';
import { ApiErrors } from '@api/common/api-errors';
import { ApiTokenParam } from '@api/common/api-params';
import { CurrentUser, Public } from '@api/common/request-user';
import { SignedLinks } from '@api/common/signed-links';
import { MeResponseDto, MeUpdateDto, mapUser } from '@api/auth/dto/auth.dto';
import { UserEntity } from './user.entity';

@ApiTags('me')
@ApiErrors(400, 401)
@ApiBearerAuth()
@Controller('me')
export class UsersController {
  constructor(
    private readonly config: AppConfig,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {}

  @Get()
  @ApiOkResponse({ type: MeResponseDto })
  me(@CurrentUser() user: UserEntity): MeResponseDto {
    return mapMe(this.config, user);
  }

  @Patch()
  @ApiOkResponse({ type: MeResponseDto, description: 'Changes the name, time zone, e-mail reminders or how round e-mails come' })
  async update(@CurrentUser() user: UserEntity, @Body() dto: MeUpdateDto): Promise<MeResponseDto> {
    const changes = Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)) as Partial<UserEntity>;
    if (Object.keys(changes).length) await this.users.update({ id: user.id }, changes);
    return mapMe(this.config, { ...user, ...changes } as UserEntity);
  }

  @Post('calendar-feed/reset')
  @HttpCode(200)
  @ApiOkResponse({ type: MeResponseDto, description: 'A new secret calendar feed address; the old one stops working at once' })
  async resetCalendarFeed(@CurrentUser() user: UserEntity): Promise<MeResponseDto> {
    user.calendarFeedToken = randomBytes(24).toString('base64url');
    await this.users.update({ id: user.id }, { calendarFeedToken: user.calendarFeedToken });
    return mapMe(this.config, user);
  }
}

/** One-click e-mail preferences from links in e-mails (signed, single-purpose, expiring): no sign-in. */
@ApiTags('me')
@ApiErrors(404, 429)
@Controller('email-preferences')
export class EmailPreferencesController {
  constructor(
    private readonly links: SignedLinks,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {}

  @Public()
  @UseGuards(ThrottlerGuard)
  @Post(':token/reminders-off')
  @ApiTokenParam('token', 'The signed token from the e-mail')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Meeting reminders are off for the person the link was sent to', schema: { type: 'object', properties: { meetingReminders: { type: 'boolean', example: false } } } })
  async remindersOff(@Param('token') token: string): Promise<{ meetingReminders: false }> {
    const claims = this.links.verify(token, 'reminders-off');
    const found = claims ? await this.users.update({ id: claims.userId }, { meetingReminders: false }) : null;
    if (!found?.affected) throw new NotFoundException('This link no longer works: it may have expired. Turn reminders off in your account instead.');
    return { meetingReminders: false };
  }
}

function mapMe(config: AppConfig, user: UserEntity): MeResponseDto {
  return { ...mapUser(user), calendarFeedUrl: `${config.PUBLIC_URL}/api/calendar/${user.calendarFeedToken}.ics`, meetingReminders: user.meetingReminders, roundEmails: user.roundEmails };
}
