import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UserEntity } from './user.entity';
import { UsersController } from './users.controller';

@Module({ imports: [TypeOrmModule.forFeature([UserEntity])], controllers: [UsersController] })
export class UsersModule {}
