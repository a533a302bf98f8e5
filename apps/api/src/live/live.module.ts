import { Module } from '@nestjs/common';
import { ActionsModule } from '@api/actions/actions.module';
import { AuthModule } from '@api/auth/auth.module';
import { CallIceServers } from './call-ice-servers';
import { LiveGateway } from './live.gateway';
import { LiveCall } from './live-call.service';
import { LiveRecordController } from './live-record.controller';
import { LiveRecordService } from './live-record.service';
import { LiveDelivery } from './live-delivery';
import { LiveHub } from './live-hub.service';
import { LiveParticipants } from './live-participants.service';
import { LiveRateLimit } from './live-rate-limit';
import { LiveSessionsService } from './live-sessions.service';
import { VoiceAirtime } from './voice-airtime';

@Module({
  imports: [AuthModule, ActionsModule],
  controllers: [LiveRecordController],
  providers: [LiveSessionsService, LiveRecordService, LiveDelivery, LiveRateLimit, LiveHub, LiveParticipants, CallIceServers, VoiceAirtime, LiveCall, LiveGateway],
  exports: [LiveSessionsService],
})
export class LiveModule {}
