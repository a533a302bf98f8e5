import { Global, Module } from '@nestjs/common';
import { MailService } from './mail.service';
import { OutboxService } from './outbox.service';

@Global()
@Module({ providers: [MailService, OutboxService], exports: [MailService, OutboxService] })
export class MailModule {}
