import { Body, Controller, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { MembershipEvents } from '@api/common/membership-events';
import { AppConfig } from '@api/config/app-config';
import { Public } from '@api/common/request-user';
import { AuthService } from './auth.service';
import { AuthResponseDto, mapUser, UserLoginDto, UserRegisterDto } from './dto/auth.dto';
import { clearSessionCookies, SESSION_COOKIE, setSessionCookies } from './auth.cookies';
import { ApiErrors } from '@api/common/api-errors';

@ApiTags('auth')
@ApiErrors(400, 401, 409, 413, 429)
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
    private readonly membershipEvents: MembershipEvents,
  ) {}

  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('register')
  @ApiCreatedResponse({ type: AuthResponseDto })
  async register(@Body() dto: UserRegisterDto, @Res({ passthrough: true }) response: Response): Promise<AuthResponseDto> {
    const { user, accessToken } = await this.auth.register(dto);
    setSessionCookies(response, accessToken, this.config);
    return { user: mapUser(user), accessToken };
  }

  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: AuthResponseDto })
  async login(@Body() dto: UserLoginDto, @Res({ passthrough: true }) response: Response): Promise<AuthResponseDto> {
    const { user, accessToken } = await this.auth.login(dto);
    setSessionCookies(response, accessToken, this.config);
    return { user: mapUser(user), accessToken };
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Clears the session cookies of the web client' })
  async logout(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    const token = (request.cookies as Record<string, string | undefined> | undefined)?.[SESSION_COOKIE];
    const user = token ? await this.auth.userFromToken(token) : null;
    clearSessionCookies(response, this.config);
    // The web client's live connections used this cookie: close them now.
    if (user) this.membershipEvents.signedOut(user.id);
  }
}
