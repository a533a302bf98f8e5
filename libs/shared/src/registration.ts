/*
 * A person's professional registration, optional, shown on their CPD export: the UK regulators of
 * social work and social care, and the number they registered under.
 */

export const PROFESSIONAL_REGULATORS = ['swe', 'sssc', 'scw', 'niscc'] as const;
export type ProfessionalRegulator = (typeof PROFESSIONAL_REGULATORS)[number];

export const PROFESSIONAL_REGULATOR_NAMES: Record<ProfessionalRegulator, string> = {
  swe: 'Social Work England',
  sssc: 'Scottish Social Services Council (SSSC)',
  scw: 'Social Care Wales',
  niscc: 'Northern Ireland Social Care Council (NISCC)',
};

/** How each register's numbers look: Social Work England's start "SW" and digits; the others are digits. */
const NUMBER_FORMATS: Record<ProfessionalRegulator, { pattern: RegExp; example: string }> = {
  swe: { pattern: /^SW\d{1,8}$/, example: 'SW123456' },
  sssc: { pattern: /^\d{4,10}$/, example: '1234567' },
  scw: { pattern: /^\d{4,10}$/, example: '1234567' },
  niscc: { pattern: /^\d{4,10}$/, example: '6012345' },
};

export interface ProfessionalRegistration {
  regulator: ProfessionalRegulator;
  number: string;
}

/** The number as it is kept: upper case, without spaces or dashes ("sw 12-345" → "SW12345"). */
export function normaliseRegistrationNumber(number: string): string {
  return number.replace(/[\s-]+/g, '').toUpperCase();
}

/** Why a registration cannot be kept (a sentence naming the field), or null when it can. */
export function registrationProblem(value: { regulator?: unknown; number?: unknown }): string | null {
  const regulator = PROFESSIONAL_REGULATORS.find((r) => r === value.regulator);
  if (!regulator) return `registration.regulator must be one of ${PROFESSIONAL_REGULATORS.join(', ')}`;
  if (typeof value.number !== 'string' || !value.number.trim()) return 'registration.number is required';
  const { pattern, example } = NUMBER_FORMATS[regulator];
  if (!pattern.test(normaliseRegistrationNumber(value.number))) return `registration.number is not a ${PROFESSIONAL_REGULATOR_NAMES[regulator]} registration number (such as ${example})`;
  return null;
}

/** "Social Work England registration SW123456", for the CPD export. */
export function registrationText(registration: ProfessionalRegistration): string {
  return `${PROFESSIONAL_REGULATOR_NAMES[registration.regulator]} registration ${registration.number}`;
}
