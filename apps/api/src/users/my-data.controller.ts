import { Body, Controller, Delete, Get, HttpCode, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import type { Response } from 'express';
import { PASSWORD_MAX } from '@als/shared';
import { clearSessionCookies } from '@api/auth/auth.cookies';
import { ApiErrors } from '@api/common/api-errors';
import { CurrentUser } from '@api/common/request-user';
import { AppConfig } from '@api/config/app-config';
import { MyDataService } from './my-data.service';
import { UserEntity } from './user.entity';

export class AccountDeleteDto {
  @ApiProperty({ description: 'Your password, to confirm' })
  @IsString({ message: 'password must be your password' })
  @MaxLength(PASSWORD_MAX, { message: 'password must be your password' })
  password: string;
}

/** A person's own data: all of it as JSON, and deleting the account. */
@ApiTags('me')
@ApiErrors(400, 401, 403, 409)
@ApiBearerAuth()
@Controller('me')
export class MyDataController {
  constructor(
    private readonly myData: MyDataService,
    private readonly config: AppConfig,
  ) {}

  @Get('data')
  @ApiOkResponse({ description: 'Everything the platform holds about you and written by you, as a JSON download', schema: { type: 'object' } })
  async data(@CurrentUser() user: UserEntity, @Res({ passthrough: true }) response: Response): Promise<Record<string, unknown>> {
    const { filename, data } = await this.myData.export(user);
    response.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    return data;
  }

  /**
   * Deletes the account and what is the person's alone (memberships, replies, actions, learning
   * log, sets where nobody else is left). Refused while they are the only facilitator of a set
   * others are still in: they hand the role over first.
   */
  @Delete()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The account is gone; sessions and live connections end' })
  async remove(@CurrentUser() user: UserEntity, @Body() dto: AccountDeleteDto, @Res({ passthrough: true }) response: Response): Promise<void> {
    await this.myData.deleteAccount(user, dto.password);
    clearSessionCookies(response, this.config);
  }
}
