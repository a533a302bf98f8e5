import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@api/config/app-config';
import { UserEntity } from '@api/users/user.entity';
import { AccessTokens } from './access-tokens';
import { AccountController } from './account.controller';
import { AccountService } from './account.service';
import { AccountTokenEntity } from './account-token.entity';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { CsrfTokens } from './csrf';
import { SessionEntity } from './session.entity';
import { SessionRevocations } from './session-revocations';
import { SessionsService } from './sessions.service';
import { SignInLimits } from './sign-in-limits';

@Module({
  imports: [
    TypeOrmModule.forFeature([UserEntity, SessionEntity, AccountTokenEntity]),
    // Tokens carry their session's own `exp` (AccessTokens), so no default lifetime here.
    // The secret is a KeyObject made once: given a string, jsonwebtoken tries it as a public key
    // (and fails) then makes a secret key, on every sign and verify (17 % of the API's CPU under load).
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        secret: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')),
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
    // Per-address limits of the one-click e-mail links (rsvp, report-back, reminders off); sign-in has SignInLimits.
    ThrottlerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        throttlers: [{ name: 'auth', ttl: 60_000, limit: Math.max(config.AUTH_RATE_LIMIT, 1) }],
        skipIf: () => config.AUTH_RATE_LIMIT === 0,
      }),
    }),
  ],
  controllers: [AuthController, AccountController],
  providers: [AuthService, AccountService, SessionsService, AccessTokens, CsrfTokens, SessionRevocations, SignInLimits, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, SessionsService, SessionRevocations],
})
export class AuthModule {}
