import { Module } from '@nestjs/common';
import { AuthModule } from '@api/auth/auth.module';
import { LiveGateway } from './live.gateway';
import { LiveRecordController } from './live-record.controller';
import { LiveDelivery } from './live-delivery';
import { LiveHub } from './live-hub.service';
import { LiveParticipants } from './live-participants.service';
import { LiveRateLimit } from './live-rate-limit';
import { LiveSessionsService } from './live-sessions.service';

@Module({
  imports: [AuthModule],
  controllers: [LiveRecordController],
  providers: [LiveSessionsService, LiveDelivery, LiveRateLimit, LiveHub, LiveParticipants, LiveGateway],
  exports: [LiveSessionsService],
})
export class LiveModule {}
