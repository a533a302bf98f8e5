import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SetsModule } from '@api/sets/sets.module';
import { UserEntity } from '@api/users/user.entity';
import { CalendarService } from './calendar.service';
import { AttendanceEntity } from './attendance.entity';
import { MeetingSeriesEntity } from './meeting-series.entity';
import { MeetingEntity } from './meeting.entity';
import { MeetingsController } from './meetings.controller';
import { MeetingsService } from './meetings.service';

@Module({
  imports: [TypeOrmModule.forFeature([MeetingEntity, MeetingSeriesEntity, AttendanceEntity, UserEntity]), SetsModule],
  controllers: [MeetingsController],
  providers: [MeetingsService, CalendarService],
})
export class MeetingsModule {}
