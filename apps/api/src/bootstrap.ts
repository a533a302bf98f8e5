import { LOGO_MAX_BYTES } from '@als/shared';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import express, { NextFunction, Request, Response } from 'express';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { INBOUND_MAX_BYTES } from './inbound/inbound-mail.service';
import { AppModule } from './app.module';
import { MetricsService } from './metrics/metrics.service';
import { migrate } from './database/migrate';
import { toErrorBody } from './common/all-exceptions.filter';
import { refuseHostileJson } from './common/json-shape';
import { markPublicOperations } from './common/openapi';
import { createValidationPipe } from './common/validation';
import { memoizeValidationMetadata } from './common/validation-metadata-cache';
import { AppConfig } from './config/app-config';
import type { Clock } from './common/clock';
import { LiveIoAdapter } from './live/live-io.adapter';
import { compressWebClient } from './web-client/web-client';

export const BODY_LIMIT = '100kb';

/** Builds the whole HTTP application (used by main.ts and by the e2e tests, which may give a clock they move). */
export async function createApp(config: AppConfig, databaseUrl: string, options: { clock?: Clock } = {}): Promise<NestExpressApplication> {
  memoizeValidationMetadata();
  await migrate(databaseUrl);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl, options.clock), {
    bodyParser: false,
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.TRUST_PROXY.split(',').map((v) => v.trim()));
  app.disable('x-powered-by');
  app.use(
    helmet({
      // The web client's own scripts and styles only; the charts and React set style attributes.
      contentSecurityPolicy: { directives: { 'default-src': ["'self'"], 'script-src': ["'self'"], 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:'], 'connect-src': ["'self'"], 'frame-ancestors': ["'none'"], 'object-src': ["'none'"], 'upgrade-insecure-requests': config.COOKIE_SECURE ? [] : null } },
      // HSTS only where the platform is served over TLS (COOKIE_SECURE says it is).
      strictTransportSecurity: config.COOKIE_SECURE ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    }),
  );
  app.use(app.get(MetricsService).middleware());
  app.use(compressWebClient());
  app.use(cookieParser());
  // A mail provider's inbound hook posts the raw message: kept as bytes, for its signature and the parser.
  app.use('/api/inbound/email', express.raw({ type: () => true, limit: INBOUND_MAX_BYTES }));
  // An organisation's logo is sent as the image itself (its type read from its bytes).
  app.use('/api/organisations/:orgId/logo', express.raw({ type: ['image/*', 'application/octet-stream'], limit: LOGO_MAX_BYTES }));
  app.use('/api', express.json({ limit: BODY_LIMIT }));
  // Deep nesting and prototype keys are refused before validation, which recurses (CONTRACT.md, "Bad input, everywhere").
  app.use('/api', refuseHostileJson());
  // Body-parser errors (malformed JSON, oversized body) happen before Nest: answer them in the contract's shape.
  app.use('/api', (error: unknown, _request: Request, response: Response, next: NextFunction) => {
    if (!error) return next();
    const body = toErrorBody(error);
    response.status(body.statusCode).json(body);
  });
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  const live = new LiveIoAdapter(app, config);
  await live.connectRedis();
  app.useWebSocketAdapter(live);
  // No enableShutdownHooks(): main.ts handles SIGINT/SIGTERM (close, then stop the embedded database);
  // Nest's own handlers would close the application a second time, concurrently.

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Action learning platform API')
      .setDescription('Sets, members, invitations, meetings, live sessions and asynchronous rounds. See CONTRACT.md.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  markPublicOperations(document);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
