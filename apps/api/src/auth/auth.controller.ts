import { Body, Controller, HttpCode, Post, Res, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Response } from 'express';
import { AppConfig } from '@api/config/app-config';
import { Public } from '@api/common/request-user';
import { AuthService } from './auth.service';
import { AuthResponseDto, mapUser, UserLoginDto, UserRegisterDto } from './dto/auth.dto';
import { clearSessionCookies, setSessionCookies } from './auth.cookies';
import { ApiErrors } from '@api/common/api-errors';

@ApiTags('auth')
@ApiErrors(400, 401, 409, 413, 429)
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
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
  logout(@Res({ passthrough: true }) response: Response): void {
    clearSessionCookies(response, this.config);
  }
}
