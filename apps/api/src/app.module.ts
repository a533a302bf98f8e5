import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ServeStaticModule } from '@nestjs/serve-static';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AuthModule } from './auth/auth.module';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { Clock, ClockModule } from './common/clock';
import { RedisModule } from './common/redis';
import { redactUrl } from './common/log-redaction';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { databaseOptions } from './database/database.options';
import { HealthModule } from './health/health.module';
import { InvitationsModule } from './invitations/invitations.module';
import { MembershipEventsModule } from './common/membership-events';
import { AuditModule } from './evaluation/audit.service';
import { LifecycleModule } from './common/lifecycle';
import { MetricsModule } from './metrics/metrics.module';
import { EvaluationModule } from './evaluation/evaluation.module';
import { EndingModule } from './ending/ending.module';
import { RoundsModule } from './rounds/rounds.module';
import { InboundModule } from './inbound/inbound.module';
import { LiveModule } from './live/live.module';
import { ActionsModule } from './actions/actions.module';
import { AgendaModule } from './agenda/agenda.module';
import { setWebClientHeaders } from './web-client/web-client';
import { LearningLogModule } from './learning-log/learning-log.module';
import { CpdModule } from './cpd/cpd.module';
import { BadgesModule } from './badges/badges.module';
import { JobsModule } from './jobs/jobs.module';
import { MailModule } from './mail/mail.module';
import { MeetingsModule } from './meetings/meetings.module';
import { FacilitationModule } from './facilitation/facilitation.module';
import { MeetingAccessModule } from './meetings/meeting-access.policy';
import { OrganisationsModule } from './organisations/organisations.module';
import { SsoModule } from './sso/sso.module';
import { SetsModule } from './sets/sets.module';
import { ContractModule } from './contract/contract.module';
import { UsersModule } from './users/users.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string, clock?: Clock): DynamicModule {
    const web = config.WEB_DIST_DIR && existsSync(config.WEB_DIST_DIR)
      ? [ServeStaticModule.forRoot({ rootPath: config.WEB_DIST_DIR, exclude: ['/api/{*path}'], serveStaticOptions: { setHeaders: setWebClientHeaders } })]
      : [];
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule.forRoot(clock),
        RedisModule,
        LoggerModule.forRoot({
          // Every route under the global prefix, in path-to-regexp 8's words (its default `*` is logged as a legacy path at start).
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          pinoHttp: {
            level: config.LOG_LEVEL,
            genReqId: (request, response) => {
              const given = request.headers['x-request-id'];
              const id = typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
              response.setHeader('x-request-id', id);
              return id;
            },
            redact: {
              paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
              censor: '[redacted]',
            },
            // Tokens travel in some paths (invitations, calendar feeds, one-click links, password resets): never log them. Bodies are not logged.
            // A response is logged as its status: its headers (a dozen security headers on every answer) made each line three times longer, on every request.
            serializers: { req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }), res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }) },
          },
        }),
        TypeOrmModule.forRoot({ ...databaseOptions(databaseUrl), retryAttempts: 1, retryDelay: 500 }),
        ...web,
        MailModule,
        MembershipEventsModule,
        LifecycleModule,
        MetricsModule,
        AuditModule,
        MeetingAccessModule,
        JobsModule.forRoot(databaseUrl),
        HealthModule,
        AuthModule,
        UsersModule,
        SetsModule,
        ContractModule,
        InvitationsModule,
        MeetingsModule,
        FacilitationModule,
        LiveModule,
        ActionsModule,
        AgendaModule,
        LearningLogModule,
        CpdModule,
        EvaluationModule,
        EndingModule,
        RoundsModule,
        InboundModule,
        BadgesModule,
        OrganisationsModule,
        SsoModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
    };
  }
}
