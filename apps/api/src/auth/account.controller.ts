import { BadRequestException, Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiErrors } from '@api/common/api-errors';
import { CurrentSession, CurrentUser } from '@api/common/request-user';
import { AppConfig } from '@api/config/app-config';
import type { UserEntity } from '@api/users/user.entity';
import { AccountService } from './account.service';
import { clearSessionCookies } from './auth.cookies';
import { AcceptedResponseDto, EmailChangeDto, mapSession, PasswordChangeDto, SessionResponseDto } from './dto/account.dto';
import type { SessionEntity } from './session.entity';
import { clientInfo, SessionsService } from './sessions.service';
import { AuthErrorCode } from '@als/shared';
import { notFound } from '@api/common/domain-error';

const sessionIdPipe = new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException({ statusCode: 400, error: 'Bad Request', message: 'sessionId must be a session id (a UUID)', errors: [{ field: 'sessionId', message: 'sessionId must be a session id (a UUID)' }] }) });

/** The signed-in person's sessions, password and e-mail address. */
@ApiTags('me')
@ApiErrors(400, 401, 403, 404, 409, 429)
@ApiBearerAuth()
@Controller('me')
export class AccountController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly account: AccountService,
    private readonly config: AppConfig,
  ) {}

  @Get('sessions')
  @ApiOkResponse({ type: [SessionResponseDto], description: 'Where the caller is signed in: their open sessions, the most recently used first' })
  async list(@CurrentUser() user: UserEntity, @CurrentSession() session: SessionEntity): Promise<SessionResponseDto[]> {
    return (await this.sessions.list(user.id)).map((s) => mapSession(s, session.id));
  }

  @Delete('sessions/:sessionId')
  @HttpCode(204)
  @ApiParam({ name: 'sessionId', format: 'uuid', description: 'One of the caller’s open sessions (another person’s: 404)' })
  @ApiNoContentResponse({ description: 'That session ends: its token is refused and its live connections close' })
  async end(@CurrentUser() user: UserEntity, @CurrentSession() current: SessionEntity, @Param('sessionId', sessionIdPipe) sessionId: string, @Res({ passthrough: true }) response: Response): Promise<void> {
    if (!(await this.sessions.end(user.id, sessionId, 'This device was signed out from your account page.'))) throw notFound(AuthErrorCode.SessionNotFound, 'Session not found: it may have ended already.');
    if (sessionId === current.id) clearSessionCookies(response, this.config);
  }

  @Put('password')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The password is changed; every other session of the caller ends, this one stays; the account’s address is told' })
  changePassword(@CurrentUser() user: UserEntity, @CurrentSession() session: SessionEntity, @Body() dto: PasswordChangeDto, @Req() request: Request): Promise<void> {
    return this.account.changePassword(user, session.id, dto, clientInfo(request));
  }

  @Post('email')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: AcceptedResponseDto, description: 'A confirmation link is sent to the new address (valid 24 hours, single use); the address changes when it is opened (POST /api/auth/email-change/confirm)' })
  requestEmailChange(@CurrentUser() user: UserEntity, @Body() dto: EmailChangeDto, @Req() request: Request): Promise<AcceptedResponseDto> {
    return this.account.requestEmailChange(user, dto, clientInfo(request));
  }
}
