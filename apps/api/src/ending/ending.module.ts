import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MembershipEntity } from '@api/sets/membership.entity';
import { EndingController } from './ending.controller';
import { EndingService } from './ending.service';

@Module({ imports: [TypeOrmModule.forFeature([MembershipEntity])], controllers: [EndingController], providers: [EndingService], exports: [EndingService] })
export class EndingModule {}
