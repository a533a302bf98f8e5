import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsUUID } from 'class-validator';
import {
  PROGRAMME_NAME_MAX,
  type FacilitatorAssignRequest,
  type PoolFacilitator,
  type ProgrammeCreateRequest,
  type ProgrammeDetailResponse,
  type ProgrammeEvaluationResponse,
  type ProgrammeResponse,
  type ProgrammeSetsRequest,
} from '@als/shared';
import { IsBoundedDate, IsOmittable, IsText } from '@api/common/validators';
import { EvaluationFiguresDto, OrganisationSetSummaryDto } from './organisation.dto';

export class ProgrammeCreateDto implements ProgrammeCreateRequest {
  @ApiProperty({ example: 'Leadership programme 2027', maxLength: PROGRAMME_NAME_MAX })
  @IsText(PROGRAMME_NAME_MAX)
  name: string;

  @ApiProperty({ example: '2027-01-11', format: 'date' })
  @IsBoundedDate({ dateOnly: true })
  startsOn: string;

  @ApiPropertyOptional({ example: '2027-07-09', format: 'date', description: 'On or after startsOn' })
  @IsOmittable()
  @IsBoundedDate({ dateOnly: true })
  endsOn?: string;
}

export class ProgrammeSetsDto implements ProgrammeSetsRequest {
  @ApiProperty({ type: [String], format: 'uuid', description: 'The organisation’s sets in the programme (replaces the list)' })
  @IsArray({ message: 'setIds must be a list of set ids' })
  @ArrayMaxSize(200, { message: 'setIds may list at most 200 sets' })
  @IsUUID('all', { each: true, message: 'each of setIds must be the id of a set' })
  setIds: string[];
}

export class ProgrammeResponseDto implements ProgrammeResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'date' }) startsOn: string;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) endsOn: string | null;
  @ApiProperty({ type: [String] }) setIds: string[];
}

export class ProgrammeDetailResponseDto extends ProgrammeResponseDto implements ProgrammeDetailResponse {
  @ApiProperty({ type: [OrganisationSetSummaryDto], description: 'Its sets as the organisation’s overview shows them' }) sets: OrganisationSetSummaryDto[];
}

export class ProgrammeEvaluationResponseDto extends EvaluationFiguresDto implements ProgrammeEvaluationResponse {
  @ApiProperty({ format: 'uuid' }) programmeId: string;
}

class PoolSetDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() status: string;
}

export class PoolFacilitatorDto implements PoolFacilitator {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: [PoolSetDto], description: 'The organisation’s sets they facilitate' }) sets: PoolSetDto[];
  @ApiProperty({ description: 'Open sets they facilitate' }) activeSets: number;
  @ApiProperty({ description: 'Scheduled meetings of those sets from now on' }) upcomingMeetings: number;
}

export class FacilitatorAssignDto implements FacilitatorAssignRequest {
  @ApiProperty({ format: 'uuid', description: 'A person of the organisation' })
  @IsUUID('all', { message: 'userId must be the id of a person' })
  userId: string;
}
