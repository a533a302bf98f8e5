import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';

/** A sealed client secret: the ciphertext and the id of the key that sealed it. */
export interface SealedSecret {
  ciphertext: string;
  keyId: string;
}

export class SsoSecretKeyError extends Error {}

interface Key {
  id: string;
  key: Buffer;
}

function keyOf(secret: string): Key {
  const key = Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), Buffer.from('als sso client secrets v1', 'utf8'), 32));
  // The id names the key without revealing it: a hash of the derived key under another label.
  const id = createHash('sha256').update('als sso key id').update(key).digest('hex').slice(0, 16);
  return { id, key };
}

/**
 * Organisations' OpenID Connect client secrets, encrypted at rest with AES-256-GCM under a key
 * derived (HKDF-SHA256) from SSO_SECRET_KEY. The key's id is stored beside each secret, so keys can
 * be rotated: SSO_SECRET_KEY lists the current key first, then older ones (comma-separated); secrets
 * sealed with an older key still open, and are sealed again with the current one when next used.
 * The organisation's id is the additional authenticated data: a ciphertext copied to another
 * organisation's row does not open.
 */
export class SsoSecrets {
  private readonly keys: Key[];

  constructor(secrets: string[]) {
    this.keys = secrets.map(keyOf);
  }

  get available(): boolean {
    return this.keys.length > 0;
  }

  get currentKeyId(): string | null {
    return this.keys[0]?.id ?? null;
  }

  seal(plain: string, organisationId: string): SealedSecret {
    const current = this.keys[0];
    if (!current) throw new SsoSecretKeyError('SSO_SECRET_KEY is not set: client secrets cannot be stored.');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', current.key, iv);
    cipher.setAAD(Buffer.from(organisationId, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return { ciphertext: [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.'), keyId: current.id };
  }

  open(sealed: SealedSecret, organisationId: string): string {
    const key = this.keys.find((k) => k.id === sealed.keyId);
    if (!key) throw new SsoSecretKeyError(`No key of SSO_SECRET_KEY has the id ${sealed.keyId} this client secret was sealed with: add that key back (after the current one) or set the secret again.`);
    const [version, iv, tag, body] = sealed.ciphertext.split('.');
    if (version !== VERSION || !iv || !tag || !body) throw new SsoSecretKeyError('The client secret is not in a format this version can read.');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(organisationId, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SsoSecretKeyError('The stored client secret does not decrypt (altered, or sealed for another organisation).');
    }
  }
}
