import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SetsModule } from '@api/sets/sets.module';
import { ActionEntity } from './action.entity';
import { ActionsController, MyActionsController } from './actions.controller';

@Module({ imports: [TypeOrmModule.forFeature([ActionEntity]), SetsModule], controllers: [ActionsController, MyActionsController] })
export class ActionsModule {}
