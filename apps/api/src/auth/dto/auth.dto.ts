import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsObject, IsString, MaxLength, MinLength, ValidateBy, ValidateIf, ValidateNested, type ValidationArguments } from 'class-validator';
import {
  ROUND_EMAIL_MODES,
  PROFESSIONAL_REGULATORS,
  registrationProblem,
  type ProfessionalRegistration,
  type ProfessionalRegulator,
  type RoundEmailMode,
  AuthResponse,
  DISPLAY_NAME_MAX,
  EMAIL_MAX,
  MeResponse,
  MeUpdateRequest,
  PASSWORD_MAX,
  PASSWORD_MIN,
  UserLoginRequest,
  UserRegisterRequest,
  UserResponse,
} from '@als/shared';
import { IsEmailAddress, IsOmittable, IsText, IsTimeZone } from '@api/common/validators';
import type { UserEntity } from '@api/users/user.entity';
import { IsNewPassword } from '@api/auth/passwords';

export class UserRegisterDto implements UserRegisterRequest {
  @ApiProperty({ example: 'sam@example.org', maxLength: EMAIL_MAX })
  @IsEmailAddress()
  email: string;

  @ApiProperty({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX, description: 'Not one of the commonly used passwords' })
  @IsNewPassword()
  password: string;

  @ApiProperty({ example: 'Sam Taylor', maxLength: DISPLAY_NAME_MAX })
  @IsText(DISPLAY_NAME_MAX)
  displayName: string;

  @ApiPropertyOptional({ example: 'Europe/London', description: 'IANA time zone; defaults to Europe/London' })
  @IsOmittable()
  @IsTimeZone()
  timeZone?: string;
}

export class UserLoginDto implements UserLoginRequest {
  @ApiProperty({ example: 'sam@example.org', maxLength: EMAIL_MAX })
  @IsEmailAddress()
  email: string;

  @ApiProperty()
  @IsString()
  @MinLength(1, { message: 'password must not be empty' })
  @MaxLength(PASSWORD_MAX)
  password: string;
}

export class UserResponseDto implements UserResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ example: 'Europe/London' }) timeZone: string;
}

export class MeResponseDto extends UserResponseDto implements MeResponse {
  @ApiProperty({ description: 'The personal calendar feed (absolute URL, secret)' }) calendarFeedUrl: string;
  @ApiProperty({ description: 'E-mail reminders 7 days and 1 day before each meeting' }) meetingReminders: boolean;
  @ApiProperty({ enum: ROUND_EMAIL_MODES, description: 'Round e-mails as each phase opens (`immediate`) or one digest a day (`daily`)' }) roundEmails: RoundEmailMode;
  @ApiPropertyOptional({ type: () => RegistrationDto, nullable: true, description: 'Professional registration shown on the CPD export' }) registration?: RegistrationDto | null;
}

export class RegistrationDto implements ProfessionalRegistration {
  @ApiProperty({ enum: PROFESSIONAL_REGULATORS, description: 'Social Work England, SSSC, Social Care Wales or NISCC' })
  @IsIn(PROFESSIONAL_REGULATORS, { message: `registration.regulator must be one of ${PROFESSIONAL_REGULATORS.join(', ')}` })
  regulator: ProfessionalRegulator;

  @ApiProperty({ example: 'SW123456', description: "The regulator's registration number (Social Work England: SW and digits; the others: digits); spaces and dashes are dropped" })
  @ValidateBy({
    name: 'registrationNumber',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => registrationProblem({ regulator: (args?.object as RegistrationDto | undefined)?.regulator, number: value }) === null || !PROFESSIONAL_REGULATORS.includes((args?.object as RegistrationDto | undefined)?.regulator as ProfessionalRegulator),
      defaultMessage: (args?: ValidationArguments) => registrationProblem({ regulator: (args?.object as RegistrationDto | undefined)?.regulator, number: args?.value }) ?? 'registration.number is not valid',
    },
  })
  number: string;
}

export class MeUpdateDto implements MeUpdateRequest {
  @ApiPropertyOptional({ maxLength: DISPLAY_NAME_MAX })
  @IsOmittable()
  @IsText(DISPLAY_NAME_MAX)
  displayName?: string;

  @ApiPropertyOptional({ example: 'Europe/London', description: 'IANA time zone: meetings are shown and e-mailed in it' })
  @IsOmittable()
  @IsTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({ description: 'E-mail reminders before meetings' })
  @IsOmittable()
  @IsBoolean({ message: 'meetingReminders must be true or false' })
  meetingReminders?: boolean;

  @ApiPropertyOptional({ enum: ROUND_EMAIL_MODES })
  @IsOmittable()
  @IsIn(ROUND_EMAIL_MODES, { message: `roundEmails must be one of ${ROUND_EMAIL_MODES.join(', ')}` })
  roundEmails?: RoundEmailMode;

  @ApiPropertyOptional({ type: () => RegistrationDto, nullable: true, description: 'Professional registration shown on the CPD export; null removes it' })
  @ValidateIf((_object: object, value: unknown) => value !== undefined && value !== null)
  @IsObject({ message: 'registration must be an object with regulator and number, or null' })
  @ValidateNested()
  @Type(() => RegistrationDto)
  registration?: RegistrationDto | null;
}

export class AuthResponseDto implements AuthResponse {
  @ApiProperty({ type: UserResponseDto }) user: UserResponseDto;
  @ApiProperty({ description: 'Send as `Authorization: Bearer <accessToken>`' }) accessToken: string;
}

export function mapUser(user: UserEntity): UserResponseDto {
  return { id: user.id, email: user.email, displayName: user.displayName, timeZone: user.timeZone };
}
