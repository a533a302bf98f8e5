import { Module } from '@nestjs/common';
import { ActionsModule } from '@api/actions/actions.module';
import { AuthModule } from '@api/auth/auth.module';
import { LiveGateway } from './live.gateway';
import { LiveRecordController } from './live-record.controller';
import { LiveRecordService } from './live-record.service';
import { LiveDelivery } from './live-delivery';
import { LiveHub } from './live-hub.service';
import { LiveRateLimit } from './live-rate-limit';
import { LiveSessionsService } from './live-sessions.service';

@Module({
  imports: [AuthModule, ActionsModule],
  controllers: [LiveRecordController],
  providers: [LiveSessionsService, LiveRecordService, LiveDelivery, LiveRateLimit, LiveHub, LiveGateway],
  exports: [LiveSessionsService],
})
export class LiveModule {}
