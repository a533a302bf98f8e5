import { Module } from '@nestjs/common';
import { ReplyAddresses } from '@api/common/reply-addresses';
import { SetsModule } from '@api/sets/sets.module';
import { RoundsController, SetRoundsController } from './rounds.controller';
import { RoundsService } from './rounds.service';

@Module({ imports: [SetsModule], controllers: [SetRoundsController, RoundsController], providers: [RoundsService, ReplyAddresses], exports: [RoundsService, ReplyAddresses] })
export class RoundsModule {}
