import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import {
  type AcceptedResponse,
  EMAIL_MAX,
  type EmailChangeConfirmRequest,
  type EmailChangeRequest,
  PASSWORD_MAX,
  PASSWORD_MIN,
  type PasswordChangeRequest,
  type PasswordResetCompleteRequest,
  type PasswordResetRequest,
  type SessionResponse,
} from '@als/shared';
import { IsNewPassword } from '@api/auth/passwords';
import { IsEmailAddress } from '@api/common/validators';
import type { SessionEntity } from '@api/auth/session.entity';

const LINK_TOKEN = { message: '$property must be the code from the link in your e-mail' };
/** The secret of a link from an e-mail: 43 base64url characters as we make them (a little room either way). */
const IsLinkToken = () => applyDecorators(IsString(LINK_TOKEN), MaxLength(128, LINK_TOKEN), Matches(/^[A-Za-z0-9_-]{16,}$/, LINK_TOKEN));

export class PasswordResetDto implements PasswordResetRequest {
  @ApiProperty({ example: 'sam@example.org', maxLength: EMAIL_MAX })
  @IsEmailAddress()
  email: string;
}

export class PasswordResetCompleteDto implements PasswordResetCompleteRequest {
  @ApiProperty({ description: 'The token from the link in the e-mail (its last path segment)' })
  @IsLinkToken()
  token: string;

  @ApiProperty({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX, description: 'The new password; not one of the commonly used passwords' })
  @IsNewPassword()
  password: string;
}

export class PasswordChangeDto implements PasswordChangeRequest {
  @ApiProperty({ description: 'The password the account has now' })
  @IsString({ message: 'currentPassword must be your current password' })
  @MinLength(1, { message: 'currentPassword must be your current password' })
  @MaxLength(PASSWORD_MAX, { message: 'currentPassword must be your current password' })
  currentPassword: string;

  @ApiProperty({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX, description: 'Not one of the commonly used passwords' })
  @IsNewPassword()
  newPassword: string;
}

export class EmailChangeDto implements EmailChangeRequest {
  @ApiProperty({ example: 'sam.taylor@example.org', maxLength: EMAIL_MAX })
  @IsEmailAddress()
  newEmail: string;

  @ApiProperty({ description: 'Your password, to confirm it is you' })
  @IsString({ message: 'password must be your password' })
  @MinLength(1, { message: 'password must be your password' })
  @MaxLength(PASSWORD_MAX, { message: 'password must be your password' })
  password: string;
}

export class EmailChangeConfirmDto implements EmailChangeConfirmRequest {
  @ApiProperty({ description: 'The token from the link sent to the new address' })
  @IsLinkToken()
  token: string;
}

export class AcceptedResponseDto implements AcceptedResponse {
  @ApiProperty({ example: 'If an account uses this address, we have sent it a link to choose a new password.' }) message: string;
}

export class EmailChangedResponseDto {
  @ApiProperty({ example: 'sam.taylor@example.org', description: 'The account’s address from now on' }) email: string;
}

export class SessionResponseDto implements SessionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', description: 'When the session was last used (to the minute)' }) lastSeenAt: string;
  @ApiProperty({ description: 'The browser’s User-Agent when the session began' }) userAgent: string;
  @ApiProperty({ description: 'This is the session of the request' }) current: boolean;
}

export function mapSession(session: SessionEntity, currentId: string): SessionResponseDto {
  return { id: session.id, createdAt: session.createdAt.toISOString(), lastSeenAt: session.lastSeenAt.toISOString(), userAgent: session.userAgent, current: session.id === currentId };
}
