import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SignedLinks } from '@api/common/signed-links';
import { SetsModule } from '@api/sets/sets.module';
import { ActionEntity } from './action.entity';
import { ActionsController, MyActionsController, ReportBackLinkController } from './actions.controller';
import { ActionsService } from './actions.service';
import { ReportBackService } from './report-back.service';

@Module({
  imports: [TypeOrmModule.forFeature([ActionEntity]), SetsModule],
  controllers: [ActionsController, MyActionsController, ReportBackLinkController],
  providers: [ActionsService, ReportBackService, SignedLinks],
  exports: [ActionsService, ReportBackService],
})
export class ActionsModule {}
