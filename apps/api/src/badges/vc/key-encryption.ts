import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';

function keyFrom(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), Buffer.from('als issuer keys v1', 'utf8'), 32));
}

/** AES-256-GCM with a key derived (HKDF-SHA256) from CREDENTIALS_KEY: `v1.<iv>.<tag>.<ciphertext>` in base64url. */
export function encryptSecret(plain: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(secret), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

export class CredentialsKeyError extends Error {}

/** The plain text, or a CredentialsKeyError when `secret` is not the key it was encrypted with (or the text was altered). */
export function decryptSecret(sealed: string, secret: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || !body) throw new CredentialsKeyError('The issuer key is not in a format this version can read.');
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFrom(secret), Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new CredentialsKeyError('CREDENTIALS_KEY does not decrypt the issuer key stored in the database: set the CREDENTIALS_KEY it was created with.');
  }
}
