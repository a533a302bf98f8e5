import { randomBytes } from 'node:crypto';
import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Repository } from 'typeorm';
import { AppConfig } from '@api/config/app-config';
import { ApiErrors } from '@api/common/api-errors';
import { CurrentUser } from '@api/common/request-user';
import { MeResponseDto, mapUser } from '@api/auth/dto/auth.dto';
import { UserEntity } from './user.entity';

@ApiTags('me')
@ApiErrors(401)
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
    return this.mapMe(user);
  }

  @Post('calendar-feed/reset')
  @HttpCode(200)
  @ApiOkResponse({ type: MeResponseDto, description: 'A new secret calendar feed address; the old one stops working at once' })
  async resetCalendarFeed(@CurrentUser() user: UserEntity): Promise<MeResponseDto> {
    user.calendarFeedToken = randomBytes(24).toString('base64url');
    await this.users.update({ id: user.id }, { calendarFeedToken: user.calendarFeedToken });
    return this.mapMe(user);
  }

  private mapMe(user: UserEntity): MeResponseDto {
    return { ...mapUser(user), calendarFeedUrl: `${this.config.PUBLIC_URL}/api/calendar/${user.calendarFeedToken}.ics` };
  }
}
