import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { CALL_LIMITS, type CallIceCandidate, type CallJoinRequest, type CallLeaveRequest, type CallMuteAllRequest, type CallSessionDescription, type CallSignalRequest, type CallSpeakingInterval, type CallSpeakingRequest } from '@als/shared';
import { IsBoundedDate } from '@api/common/validators';

/*
 * What arrives on the socket for the set's own call (libs/shared/src/live/call.ts): each class
 * `implements` its shared type; `validateMessage` (./live.dto.ts) refuses unknown fields.
 */

export class CallJoinDto implements CallJoinRequest {
  @IsUUID('all', { message: 'meetingId must be a meeting id' })
  meetingId: string;
}

export class CallLeaveDto implements CallLeaveRequest {
  @IsUUID('all', { message: 'meetingId must be a meeting id' })
  meetingId: string;
}

export class CallMuteAllDto implements CallMuteAllRequest {
  @IsUUID('all', { message: 'meetingId must be a meeting id' })
  meetingId: string;
}

class SessionDescriptionDto implements CallSessionDescription {
  @IsIn(['offer', 'answer', 'pranswer', 'rollback'], { message: 'description.type must be offer, answer, pranswer or rollback' })
  type: 'offer' | 'answer' | 'pranswer' | 'rollback';

  @IsOptional()
  @IsString({ message: 'description.sdp must be a string' })
  @MaxLength(CALL_LIMITS.sdpChars, { message: `description.sdp must be at most ${CALL_LIMITS.sdpChars} characters` })
  sdp?: string;
}

class IceCandidateDto implements CallIceCandidate {
  @IsString({ message: 'candidate.candidate must be a string' })
  @MaxLength(CALL_LIMITS.candidateChars, { message: `candidate.candidate must be at most ${CALL_LIMITS.candidateChars} characters` })
  candidate: string;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString({ message: 'candidate.sdpMid must be a string' })
  @MaxLength(64, { message: 'candidate.sdpMid must be at most 64 characters' })
  sdpMid?: string | null;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt({ message: 'candidate.sdpMLineIndex must be a whole number' })
  @Min(0, { message: 'candidate.sdpMLineIndex must not be negative' })
  @Max(64, { message: 'candidate.sdpMLineIndex must be at most 64' })
  sdpMLineIndex?: number | null;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString({ message: 'candidate.usernameFragment must be a string' })
  @MaxLength(256, { message: 'candidate.usernameFragment must be at most 256 characters' })
  usernameFragment?: string | null;
}

export class CallSignalDto implements CallSignalRequest {
  @IsUUID('all', { message: 'meetingId must be a meeting id' })
  meetingId: string;

  @IsUUID('all', { message: 'to must be a person id' })
  to: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => SessionDescriptionDto)
  description?: SessionDescriptionDto;

  @IsOptional()
  @ValidateNested()
  @Type(() => IceCandidateDto)
  candidate?: IceCandidateDto;
}

class SpeakingIntervalDto implements CallSpeakingInterval {
  @IsBoundedDate({ message: 'startedAt must be a date and time' })
  @Matches(/^\d{4}-\d{2}-\d{2}T/, { message: 'startedAt must be an ISO date and time' })
  startedAt: string;

  @IsInt({ message: 'ms must be a whole number' })
  @Min(1, { message: 'ms must be at least 1' })
  @Max(CALL_LIMITS.intervalMs, { message: `ms must be at most ${CALL_LIMITS.intervalMs}` })
  ms: number;
}

export class CallSpeakingDto implements CallSpeakingRequest {
  @IsUUID('all', { message: 'meetingId must be a meeting id' })
  meetingId: string;

  @IsArray({ message: 'intervals must be an array' })
  @ArrayMinSize(1, { message: 'intervals must hold at least one interval' })
  @ArrayMaxSize(CALL_LIMITS.intervals, { message: `intervals must hold at most ${CALL_LIMITS.intervals}` })
  @ValidateNested({ each: true })
  @Type(() => SpeakingIntervalDto)
  intervals: SpeakingIntervalDto[];
}
