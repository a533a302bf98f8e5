import { Module } from '@nestjs/common';
import { ActionsModule } from '@api/actions/actions.module';
import { ReplyAddresses } from '@api/common/reply-addresses';
import { SetsModule } from '@api/sets/sets.module';
import { RoundDeadlinesJob } from './round-deadlines.job';
import { RoundDigestJob } from './round-digest.job';
import { RoundFlow } from './round-flow';
import { RoundModerationService } from './round-moderation.service';
import { RoundStore } from './round-store';
import { RoundsController, SetRoundsController } from './rounds.controller';
import { RoundsService } from './rounds.service';

@Module({
  imports: [SetsModule, ActionsModule],
  controllers: [SetRoundsController, RoundsController],
  providers: [RoundsService, RoundModerationService, RoundDeadlinesJob, RoundDigestJob, RoundFlow, RoundStore, ReplyAddresses],
  exports: [RoundsService, ReplyAddresses],
})
export class RoundsModule {}
