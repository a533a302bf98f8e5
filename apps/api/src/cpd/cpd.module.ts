import { Module } from '@nestjs/common';
import { LiveModule } from '@api/live/live.module';
import { CpdController } from './cpd.controller';

@Module({ imports: [LiveModule], controllers: [CpdController] })
export class CpdModule {}
