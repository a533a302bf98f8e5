import { Module } from '@nestjs/common';
import { ActionsModule } from '@api/actions/actions.module';
import { RoundsModule } from '@api/rounds/rounds.module';
import { InboundController } from './inbound.controller';
import { InboundMailService } from './inbound-mail.service';
import { RoundReplies } from './round-replies';
import { SmtpReceiver } from './smtp-receiver.service';

@Module({ imports: [RoundsModule, ActionsModule], controllers: [InboundController], providers: [InboundMailService, RoundReplies, SmtpReceiver], exports: [SmtpReceiver] })
export class InboundModule {}
