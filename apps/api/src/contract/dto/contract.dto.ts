import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import type { ContractAcceptRequest, ContractPerson, SetContractResponse, SetContractVersion } from '@als/shared';

export class ContractAcceptDto implements ContractAcceptRequest {
  @ApiProperty({ minimum: 1, description: 'The version accepted: the current one' })
  @Type(() => Number)
  @IsInt({ message: 'version must be a whole number' })
  @Min(1, { message: 'version must be at least 1' })
  @Max(1_000_000, { message: 'version must be at most 1000000' })
  version: number;
}

export class ContractPersonResponseDto implements ContractPerson {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ description: '"a former member" once they left the set' }) displayName: string;
}

export class ContractVersionResponseDto implements SetContractVersion {
  @ApiProperty() version: number;
  @ApiProperty() text: string;
  @ApiProperty({ format: 'date-time' }) agreedAt: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) meetingId: string | null;
  @ApiProperty({ type: [ContractPersonResponseDto], description: 'Who was at the meeting when it was agreed' }) present: ContractPersonResponseDto[];
  @ApiProperty({ type: [ContractPersonResponseDto], description: 'Who accepted it since' }) acceptedBy: ContractPersonResponseDto[];
}

export class ContractMineResponseDto {
  @ApiProperty({ type: Number, nullable: true }) acceptedVersion: number | null;
  @ApiProperty() needsAcceptance: boolean;
}

export class SetContractResponseDto implements SetContractResponse {
  @ApiProperty({ format: 'uuid' }) setId: string;
  @ApiProperty({ description: 'The text in force' }) text: string;
  @ApiProperty({ type: ContractVersionResponseDto, nullable: true }) current: ContractVersionResponseDto | null;
  @ApiProperty({ type: [ContractVersionResponseDto], description: 'Newest first' }) versions: ContractVersionResponseDto[];
  @ApiProperty({ type: ContractMineResponseDto }) mine: ContractMineResponseDto;
}
