import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, ValidateIf } from 'class-validator';
import { FACILITATOR_NOTE_MAX, type FacilitatedBy, type FacilitatorNote, type FacilitatorNoteRequest, type MeetingFacilitatorRequest } from '@als/shared';
import { IsOptionalLongText } from '@api/common/validators';
import type { FacilitatorNoteEntity } from '@api/facilitation/facilitator-note.entity';

export class MeetingFacilitatorDto implements MeetingFacilitatorRequest {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: "A current facilitator or member of the set; null: back to the set's facilitators (for the co-facilitator: none)" })
  @ValidateIf((dto: MeetingFacilitatorDto) => dto.userId !== null)
  @IsUUID('all', { message: 'userId must be the id of a facilitator or member of the set, or null' })
  userId: string | null;
}

export class FacilitatedByDto implements FacilitatedBy {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ['facilitator', 'co-facilitator'] }) as: 'facilitator' | 'co-facilitator';
}

export class FacilitatorNoteDto implements FacilitatorNoteRequest {
  @ApiPropertyOptional({ maxLength: FACILITATOR_NOTE_MAX }) @IsOptional() @IsOptionalLongText(FACILITATOR_NOTE_MAX) body?: string;
  @ApiPropertyOptional({ maxLength: FACILITATOR_NOTE_MAX, description: 'Reflection: what went well?' }) @IsOptional() @IsOptionalLongText(FACILITATOR_NOTE_MAX) wentWell?: string;
  @ApiPropertyOptional({ maxLength: FACILITATOR_NOTE_MAX, description: 'Reflection: what would I do differently?' }) @IsOptional() @IsOptionalLongText(FACILITATOR_NOTE_MAX) doDifferently?: string;
  @ApiPropertyOptional({ maxLength: FACILITATOR_NOTE_MAX, description: 'Reflection: what do I take to supervision?' }) @IsOptional() @IsOptionalLongText(FACILITATOR_NOTE_MAX) forSupervision?: string;
}

export class FacilitatorNoteResponseDto implements FacilitatorNote {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) meetingId: string | null;
  @ApiProperty({ format: 'uuid' }) setId: string;
  @ApiProperty() body: string;
  @ApiProperty() wentWell: string;
  @ApiProperty() doDifferently: string;
  @ApiProperty() forSupervision: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) updatedAt: string | null;
}

export function mapNote(setId: string, meetingId: string | null, note: FacilitatorNoteEntity | null): FacilitatorNoteResponseDto {
  return {
    meetingId,
    setId,
    body: note?.body ?? '',
    wentWell: note?.wentWell ?? '',
    doDifferently: note?.doDifferently ?? '',
    forSupervision: note?.forSupervision ?? '',
    updatedAt: note?.updatedAt.toISOString() ?? null,
  };
}
