import { Module } from '@nestjs/common';
import { EvaluationModule } from '@api/evaluation/evaluation.module';
import { LiveModule } from '@api/live/live.module';
import { SetsModule } from '@api/sets/sets.module';
import { BadgeApplicationsService } from './badge-applications.service';
import { BadgeRemindersService } from './badge-reminders.service';
import { BadgeImagesController, BadgesController } from './badges.controller';
import { BadgesService } from './badges.service';
import { ConfidentialityCountsService } from './confidentiality-counts.service';
import { CredentialsController, IssuerController } from './credentials.controller';
import { CredentialsService } from './credentials.service';
import { IssuerService } from './issuer.service';
import { StatusListsService } from './status-lists.service';

/** Open Badges 3.0 for sets: badges, applications, the issuer, status lists, credentials (CONTRACT.md "Open Badges"). */
@Module({
  imports: [SetsModule, LiveModule, EvaluationModule],
  controllers: [BadgesController, BadgeImagesController, CredentialsController, IssuerController],
  providers: [BadgesService, BadgeApplicationsService, IssuerService, StatusListsService, CredentialsService, BadgeRemindersService, ConfidentialityCountsService],
  exports: [CredentialsService, IssuerService],
})
export class BadgesModule {}
