import { ApiProperty } from '@nestjs/swagger';
import { Equals, IsIn } from 'class-validator';
import {
  EMAIL_MAX,
  InvitationAcceptRequest,
  InvitationCreatedResponse,
  InvitationCreateRequest,
  InvitationPreviewResponse,
  InvitationResponse,
  InvitationStatus,
  SET_ROLES,
  SetRole,
} from '@als/shared';
import { IsEmailAddress } from '@api/common/validators';

const STATUSES: InvitationStatus[] = ['pending', 'accepted', 'revoked', 'expired'];

export class InvitationCreateDto implements InvitationCreateRequest {
  @ApiProperty({ example: 'alex@example.org', maxLength: EMAIL_MAX })
  @IsEmailAddress()
  email: string;

  @ApiProperty({ enum: SET_ROLES })
  @IsIn(SET_ROLES, { message: `role must be one of ${SET_ROLES.join(', ')}` })
  role: SetRole;
}

export class InvitationAcceptDto implements InvitationAcceptRequest {
  @ApiProperty({ enum: [true], description: "Accepting the invitation is accepting the set's ground rules" })
  @Equals(true, { message: "acceptGroundRules must be true: read and accept the set's ground rules to join" })
  acceptGroundRules: true;
}

export class InvitationResponseDto implements InvitationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) setId: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: SET_ROLES }) role: SetRole;
  @ApiProperty({ enum: STATUSES }) status: InvitationStatus;
  @ApiProperty() expiresAt: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() lastSentAt: string;
}

export class InvitationCreatedResponseDto extends InvitationResponseDto implements InvitationCreatedResponse {
  @ApiProperty({ description: 'The secret of the invitation link, shown once' }) token: string;
}

export class InvitationPreviewResponseDto implements InvitationPreviewResponse {
  @ApiProperty() email: string;
  @ApiProperty({ enum: SET_ROLES }) role: SetRole;
  @ApiProperty({ enum: STATUSES }) status: InvitationStatus;
  @ApiProperty() expiresAt: string;
  @ApiProperty() setName: string;
  @ApiProperty() invitedBy: string;
  @ApiProperty() groundRules: string;
}
