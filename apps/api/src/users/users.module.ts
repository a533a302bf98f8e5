import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SignedLinks } from '@api/common/signed-links';
import { UserEntity } from './user.entity';
import { AuthModule } from '@api/auth/auth.module';
import { SetsModule } from '@api/sets/sets.module';
import { MyDataController } from './my-data.controller';
import { MyDataService } from './my-data.service';
import { EmailPreferencesController, UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({ imports: [TypeOrmModule.forFeature([UserEntity]), AuthModule, SetsModule], controllers: [UsersController, EmailPreferencesController, MyDataController], providers: [SignedLinks, MyDataService, UsersService] })
export class UsersModule {}
