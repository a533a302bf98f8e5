import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AppConfig } from '@api/config/app-config';
import { ApiErrors } from '@api/common/api-errors';
import { CurrentUser, Public } from '@api/common/request-user';
import type { UserEntity } from '@api/users/user.entity';
import { AccountService } from './account.service';
import { AuthService } from './auth.service';
import { clearSessionCookies, credentialsOf, setSessionCookies } from './auth.cookies';
import { AcceptedResponseDto, EmailChangeConfirmDto, EmailChangedResponseDto, PasswordResetCompleteDto, PasswordResetDto } from './dto/account.dto';
import { AuthResponseDto, mapUser, UserLoginDto, UserRegisterDto } from './dto/auth.dto';
import { clientInfo, SessionsService } from './sessions.service';

@ApiTags('auth')
@ApiErrors(400, 401, 403, 409, 413, 429)
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly account: AccountService,
    private readonly sessions: SessionsService,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('register')
  @ApiCreatedResponse({ type: AuthResponseDto, description: 'The account, signed in (a new session)' })
  async register(@Body() dto: UserRegisterDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<AuthResponseDto> {
    const signedIn = await this.auth.register(dto, clientInfo(request));
    setSessionCookies(response, signedIn, this.config);
    return { user: mapUser(signedIn.user), accessToken: signedIn.accessToken };
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: AuthResponseDto, description: 'Signed in (a new session)' })
  async login(@Body() dto: UserLoginDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<AuthResponseDto> {
    const signedIn = await this.auth.login(dto, clientInfo(request));
    setSessionCookies(response, signedIn, this.config);
    return { user: mapUser(signedIn.user), accessToken: signedIn.accessToken };
  }

  /** Public so that a browser whose session already ended can still clear its cookies. */
  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'The session of the token (or cookie) used ends: its token is refused everywhere and its live connections close. The cookies are cleared.' })
  async logout(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    const credentials = credentialsOf(request);
    if (credentials && credentials !== 'malformed') await this.sessions.endByToken(credentials.token, 'You signed out.');
    clearSessionCookies(response, this.config);
  }

  @Post('logout-all')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'Every session of the caller ends, this one too; the cookies are cleared' })
  async logoutAll(@CurrentUser() user: UserEntity, @Res({ passthrough: true }) response: Response): Promise<void> {
    await this.sessions.endEverywhere(user.id, 'You signed out everywhere.');
    clearSessionCookies(response, this.config);
  }

  @Public()
  @Post('password-reset')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: AcceptedResponseDto, description: 'The same answer whether or not an account uses the address; when one does, it is sent a link (valid 60 minutes, single use)' })
  requestPasswordReset(@Body() dto: PasswordResetDto, @Req() request: Request): Promise<AcceptedResponseDto> {
    return this.account.requestPasswordReset(dto.email, clientInfo(request));
  }

  @Public()
  @Post('password-reset/complete')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The password is changed and the token spent; every earlier session of the account ends. The web client is signed in with a new session (cookies).' })
  async completePasswordReset(@Body() dto: PasswordResetCompleteDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    setSessionCookies(response, await this.account.completePasswordReset(dto, clientInfo(request)), this.config);
  }

  @Public()
  @Post('email-change/confirm')
  @HttpCode(200)
  @ApiOkResponse({ type: EmailChangedResponseDto, description: 'The account’s address is the new one; the old address is told' })
  confirmEmailChange(@Body() dto: EmailChangeConfirmDto): Promise<EmailChangedResponseDto> {
    return this.account.confirmEmailChange(dto.token);
  }
}
