import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { HealthResponse } from '@als/shared';
import { Lifecycle } from '@api/common/lifecycle';
import { Public } from '@api/common/request-user';

class HealthResponseDto implements HealthResponse {
  @ApiProperty({ enum: ['ok', 'error'] }) status: 'ok' | 'error';
  @ApiProperty({ enum: ['up', 'down'] }) database: 'up' | 'down';
}

class ProbeResponseDto {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly lifecycle: Lifecycle,
  ) {}

  @Public()
  @Get()
  @ApiOkResponse({ type: HealthResponseDto })
  @ApiServiceUnavailableResponse({ description: 'The database is down' })
  async check(): Promise<HealthResponseDto> {
    try {
      await this.health.check([() => this.db.pingCheck('database', { timeout: 3000 })]);
      return { status: 'ok', database: 'up' };
    } catch {
      throw new ServiceUnavailableException('The database is not reachable.');
    }
  }

  /** Liveness: the process answers (no dependency checked, so a database outage does not get it restarted). */
  @Public()
  @Get('live')
  @ApiOkResponse({ type: ProbeResponseDto })
  live(): ProbeResponseDto {
    return { status: 'ok' };
  }

  /** Readiness: send it traffic? No while it shuts down (draining) or cannot reach the database. */
  @Public()
  @Get('ready')
  @ApiOkResponse({ type: ProbeResponseDto })
  @ApiServiceUnavailableResponse({ description: 'Shutting down, or the database is down' })
  async ready(): Promise<ProbeResponseDto> {
    if (this.lifecycle.draining) throw new ServiceUnavailableException('This process is shutting down.');
    await this.check();
    return { status: 'ok' };
  }
}
