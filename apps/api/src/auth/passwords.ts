import { randomBytes } from 'node:crypto';
import { type Algorithm, hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { registerDecorator } from 'class-validator';
import { commonPasswordSet, passwordProblem, type CommonPasswords } from '@als/shared';

// Algorithm.Argon2id is an ambient const enum (value 2), which isolatedModules cannot inline.
const ARGON2 = { algorithm: 2 as Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export function passwordMatchesHash(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false);
}

/** A hash of nothing anyone knows: verified against when an e-mail is unknown, so that it takes as long as a wrong password. */
export const decoyPasswordHash = (() => {
  let decoy: Promise<string> | null = null;
  return () => (decoy ??= hashPassword(randomBytes(16).toString('hex')));
})();

let common: CommonPasswords | null = null;
/** The commonly used passwords of @zxcvbn-ts/language-common (its `passwords-common` dictionary, about 49,000). */
export function commonPasswords(): CommonPasswords {
  return (common ??= commonPasswordSet(dictionary['passwords-common']));
}

/** A new password (CONTRACT.md): 10 to 256 characters, not a commonly used one; the message names the field. */
export function IsNewPassword(): PropertyDecorator {
  return (object: object, propertyKey: string | symbol) => {
    const propertyName = String(propertyKey);
    registerDecorator({
      name: 'isNewPassword',
      target: object.constructor,
      propertyName,
      options: {},
      validator: {
        validate: (value: unknown) => passwordProblem(value, propertyName, commonPasswords()) === null,
        defaultMessage: (args) => passwordProblem(args?.value, propertyName, commonPasswords()) ?? `${propertyName} is not a valid password`,
      },
    });
  };
}
