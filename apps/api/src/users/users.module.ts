import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SignedLinks } from '@api/common/signed-links';
import { UserEntity } from './user.entity';
import { EmailPreferencesController, UsersController } from './users.controller';

@Module({ imports: [TypeOrmModule.forFeature([UserEntity])], controllers: [UsersController, EmailPreferencesController], providers: [SignedLinks] })
export class UsersModule {}
