import { Module } from '@nestjs/common';
import { ActionsModule } from '@api/actions/actions.module';
import { RoundsModule } from '@api/rounds/rounds.module';
import { InboundController } from './inbound.controller';
import { InboundMailService } from './inbound-mail.service';
import { SmtpReceiver } from './smtp-receiver.service';

@Module({ imports: [RoundsModule, ActionsModule], controllers: [InboundController], providers: [InboundMailService, SmtpReceiver], exports: [SmtpReceiver] })
export class InboundModule {}
