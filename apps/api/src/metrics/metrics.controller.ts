import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@api/common/request-user';
import { AppConfig } from '@api/config/app-config';
import { MetricsService } from './metrics.service';
import { AuthErrorCode } from '@als/shared';
import { unauthorized } from '@api/common/domain-error';

@ApiTags('health')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus metrics of this process; `Authorization: Bearer <METRICS_TOKEN>` when METRICS_TOKEN is set' })
  async scrape(@Headers('authorization') authorization: string | undefined, @Res() response: Response): Promise<void> {
    const token = this.config.METRICS_TOKEN;
    if (token) {
      const given = Buffer.from(authorization ?? '');
      const expected = Buffer.from(`Bearer ${token}`);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw unauthorized(AuthErrorCode.MetricsTokenRequired, 'Metrics need the METRICS_TOKEN.');
    }
    response.setHeader('Content-Type', this.metrics.registry.contentType);
    response.send(await this.metrics.registry.metrics());
  }
}
