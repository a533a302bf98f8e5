import { PASSWORD_MAX, PASSWORD_MIN } from './dto';

/** A password-reset link works for this long, once. */
export const PASSWORD_RESET_MINUTES = 60;
/** A link confirming a new e-mail address works for this long, once. */
export const EMAIL_CHANGE_HOURS = 24;

/** One place the person is signed in (GET /api/me/sessions). */
export interface SessionResponse {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  /** The browser's User-Agent when the session began (may be empty). */
  userAgent: string;
  /** The session of the request that asked. */
  current: boolean;
}

export interface PasswordResetRequest {
  email: string;
}

export interface PasswordResetCompleteRequest {
  token: string;
  password: string;
}

export interface PasswordChangeRequest {
  currentPassword: string;
  newPassword: string;
}

export interface EmailChangeRequest {
  newEmail: string;
  /** The account's password, to confirm it is its owner asking. */
  password: string;
}

export interface EmailChangeConfirmRequest {
  token: string;
}

/** The answer of a request whose outcome arrives by e-mail (the same whatever the address). */
export interface AcceptedResponse {
  message: string;
}

/** Common passwords, as keys made by `passwordListKey`. */
export type CommonPasswords = ReadonlySet<string>;

/** How a password is looked up in the list: neither case nor spaces make a common password less common. */
export function passwordListKey(password: string): string {
  return password.toLowerCase().replace(/\s+/g, '');
}

/** The lookup set of a list of common passwords (such as the `passwords-common` dictionary of @zxcvbn-ts/language-common). */
export function commonPasswordSet(list: readonly string[]): CommonPasswords {
  return new Set(list.map(passwordListKey));
}

/** Control characters and line breaks: never in a password (they cannot be typed back reliably). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** Characters as a person counts them (a character outside the BMP is one, not two). */
function length(text: string): number {
  return [...text].length;
}

/**
 * What is wrong with a new password for `field` (CONTRACT.md: at least 10 characters, at most 256,
 * not a commonly used one), as a sentence naming the field; null when nothing is.
 */
export function passwordProblem(value: unknown, field: string, common: CommonPasswords): string | null {
  if (typeof value !== 'string') return `${field} must be text`;
  const n = length(value);
  if (n < PASSWORD_MIN) return `${field} must be at least ${PASSWORD_MIN} characters`;
  if (n > PASSWORD_MAX) return `${field} must be at most ${PASSWORD_MAX} characters`;
  if (CONTROL.test(value)) return `${field} must not contain control characters or line breaks`;
  if (common.has(passwordListKey(value))) return `${field} is one of the most commonly used passwords, which are guessed first: choose another`;
  return null;
}

export interface PasswordStrength {
  /** 0 not accepted, 1 weak, 2 fair, 3 good, 4 strong. */
  level: 0 | 1 | 2 | 3 | 4;
  label: string;
  hint: string;
}

/**
 * A hint for the person typing a new password: whether it will be accepted (the rules of
 * `passwordProblem`) and, when it will, a rough strength from its length and variety. Pass the
 * common passwords once loaded (null before: the hint then says nothing about the list).
 */
export function passwordStrength(password: string, common: CommonPasswords | null): PasswordStrength {
  const n = length(password);
  if (n === 0) return { level: 0, label: '', hint: `At least ${PASSWORD_MIN} characters. A few unrelated words make a strong password that is easy to remember.` };
  if (n < PASSWORD_MIN) return { level: 0, label: 'Too short', hint: `${n} of at least ${PASSWORD_MIN} characters.` };
  if (n > PASSWORD_MAX) return { level: 0, label: 'Too long', hint: `At most ${PASSWORD_MAX} characters.` };
  if (CONTROL.test(password)) return { level: 0, label: 'Not accepted', hint: 'No control characters or line breaks.' };
  if (common?.has(passwordListKey(password))) return { level: 0, label: 'Too common', hint: 'This is one of the most commonly used passwords, which are guessed first. Choose another.' };
  const chars = [...password];
  let pool = 0;
  if (chars.some((c) => /[a-z]/.test(c))) pool += 26;
  if (chars.some((c) => /[A-Z]/.test(c))) pool += 26;
  if (chars.some((c) => /[0-9]/.test(c))) pool += 10;
  if (chars.some((c) => /[^a-zA-Z0-9]/.test(c))) pool += 33;
  // Repeats add little: "aaaaaaaaaaaa" is as weak as its one letter.
  const distinct = new Set(chars).size;
  const bits = Math.min(n, distinct * 2) * Math.log2(Math.max(pool, 2));
  if (bits < 45) return { level: 1, label: 'Weak', hint: 'Accepted, but easy to guess: longer is stronger.' };
  if (bits < 60) return { level: 2, label: 'Fair', hint: 'Accepted. A few more characters or another word would make it stronger.' };
  if (bits < 80) return { level: 3, label: 'Good', hint: 'Accepted.' };
  return { level: 4, label: 'Strong', hint: 'Accepted.' };
}
