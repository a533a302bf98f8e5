import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MembershipEntity } from '@api/sets/membership.entity';
import { FacilitationController } from './facilitation.controller';
import { FacilitationNoticesService } from './facilitation-notices.service';
import { FacilitationService } from './facilitation.service';
import { FacilitatorNoteEntity } from './facilitator-note.entity';
import { FacilitatorNotesService } from './facilitator-notes.service';
import { RotaLeavers } from './rota-leavers';

/** Who facilitates a meeting (the rota, co-facilitation), the week-ahead notice, and the facilitator's private notes. */
@Module({
  imports: [TypeOrmModule.forFeature([FacilitatorNoteEntity, MembershipEntity])],
  controllers: [FacilitationController],
  providers: [FacilitationService, FacilitatorNotesService, FacilitationNoticesService, RotaLeavers],
  exports: [FacilitationNoticesService],
})
export class FacilitationModule {}
