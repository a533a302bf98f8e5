import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LearningLogEntryEntity } from './learning-log-entry.entity';
import { LearningLogController } from './learning-log.controller';

@Module({ imports: [TypeOrmModule.forFeature([LearningLogEntryEntity])], controllers: [LearningLogController] })
export class LearningLogModule {}
