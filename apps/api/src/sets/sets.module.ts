import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SetRoleGuard } from '@api/common/set-role.guard';
import { MembershipEntity } from './membership.entity';
import { SetClosing } from './set-closing';
import { SetEntity } from './set.entity';
import { SetsController } from './sets.controller';
import { SetsService } from './sets.service';

@Module({
  imports: [TypeOrmModule.forFeature([SetEntity, MembershipEntity])],
  controllers: [SetsController],
  providers: [SetsService, SetRoleGuard, SetClosing],
  exports: [SetsService, TypeOrmModule, SetRoleGuard, SetClosing],
})
export class SetsModule {}
