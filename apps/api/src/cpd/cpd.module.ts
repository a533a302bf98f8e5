import { Module } from '@nestjs/common';
import { BadgesModule } from '@api/badges/badges.module';
import { LiveModule } from '@api/live/live.module';
import { CpdController } from './cpd.controller';
import { CpdService } from './cpd.service';

@Module({ imports: [LiveModule, BadgesModule], controllers: [CpdController], providers: [CpdService] })
export class CpdModule {}
