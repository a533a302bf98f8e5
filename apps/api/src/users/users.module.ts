import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SignedLinks } from '@api/common/signed-links';
import { UserEntity } from './user.entity';
import { AuthModule } from '@api/auth/auth.module';
import { MyDataController } from './my-data.controller';
import { EmailPreferencesController, UsersController } from './users.controller';

@Module({ imports: [TypeOrmModule.forFeature([UserEntity]), AuthModule], controllers: [UsersController, EmailPreferencesController, MyDataController], providers: [SignedLinks] })
export class UsersModule {}
