import { Module } from '@nestjs/common';
import { AuthModule } from '@api/auth/auth.module';
import { LiveGateway } from './live.gateway';
import { LiveRecordController } from './live-record.controller';
import { LiveHub } from './live-hub.service';
import { LiveSessionsService } from './live-sessions.service';

@Module({
  imports: [AuthModule],
  controllers: [LiveRecordController],
  providers: [LiveSessionsService, LiveHub, LiveGateway],
  exports: [LiveSessionsService],
})
export class LiveModule {}
