import { Module } from '@nestjs/common';
import { LiveModule } from '@api/live/live.module';
import { SetsModule } from '@api/sets/sets.module';
import { EvaluationController } from './evaluation.controller';
import { EvaluationService } from './evaluation.service';
import { EvaluationReportService } from './evaluation-report.service';
import { RetentionService } from './retention.service';

@Module({ imports: [LiveModule, SetsModule], controllers: [EvaluationController], providers: [EvaluationService, EvaluationReportService, RetentionService], exports: [EvaluationService] })
export class EvaluationModule {}
