import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ReplyAddresses } from '@api/common/reply-addresses';
import { SignedLinks } from '@api/common/signed-links';
import { SetsModule } from '@api/sets/sets.module';
import { SetEntity } from '@api/sets/set.entity';
import { UserEntity } from '@api/users/user.entity';
import { CalendarService } from './calendar.service';
import { AttendanceEntity } from './attendance.entity';
import { MeetingNoticesService } from './meeting-notices.service';
import { MeetingSeriesEntity } from './meeting-series.entity';
import { MeetingEntity } from './meeting.entity';
import { MeetingsController } from './meetings.controller';
import { AttendanceService } from './attendance.service';
import { MeetingChangesService } from './meeting-changes.service';
import { MeetingsService } from './meetings.service';
import { UpcomingCancellation } from './upcoming-cancellation';

@Module({
  imports: [TypeOrmModule.forFeature([MeetingEntity, MeetingSeriesEntity, AttendanceEntity, UserEntity, SetEntity]), SetsModule],
  controllers: [MeetingsController],
  providers: [MeetingsService, MeetingChangesService, AttendanceService, CalendarService, MeetingNoticesService, SignedLinks, ReplyAddresses, UpcomingCancellation],
  exports: [MeetingNoticesService],
})
export class MeetingsModule {}
