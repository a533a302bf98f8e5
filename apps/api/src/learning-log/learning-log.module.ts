import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LearningLogEntryEntity } from './learning-log-entry.entity';
import { LearningLogController } from './learning-log.controller';
import { LearningLogService } from './learning-log.service';

@Module({ imports: [TypeOrmModule.forFeature([LearningLogEntryEntity])], controllers: [LearningLogController], providers: [LearningLogService] })
export class LearningLogModule {}
