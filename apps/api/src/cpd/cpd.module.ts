import { Module } from '@nestjs/common';
import { BadgesModule } from '@api/badges/badges.module';
import { LiveModule } from '@api/live/live.module';
import { CpdController } from './cpd.controller';

@Module({ imports: [LiveModule, BadgesModule], controllers: [CpdController] })
export class CpdModule {}
