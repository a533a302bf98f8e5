import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AppConfig } from '@api/config/app-config';
import { CurrentUser } from '@api/common/request-user';
import { MeResponseDto, mapUser } from '@api/auth/dto/auth.dto';
import { UserEntity } from './user.entity';
import { ApiErrors } from '@api/common/api-errors';

@ApiTags('me')
@ApiErrors(401)
@ApiBearerAuth()
@Controller('me')
export class UsersController {
  constructor(private readonly config: AppConfig) {}

  @Get()
  @ApiOkResponse({ type: MeResponseDto })
  me(@CurrentUser() user: UserEntity): MeResponseDto {
    return { ...mapUser(user), calendarFeedUrl: `${this.config.PUBLIC_URL}/api/calendar/${user.calendarFeedToken}.ics` };
  }
}
