import { CredentialsKeyError, decryptSecret, encryptSecret } from './key-encryption';

describe('encryptSecret', () => {
  const key = 'a-credentials-key-of-at-least-32-characters';

  it('opens with the same key only, and never the same ciphertext twice', () => {
    const sealed = encryptSecret('z3u2secret', key);
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('z3u2secret');
    expect(encryptSecret('z3u2secret', key)).not.toBe(sealed);
    expect(decryptSecret(sealed, key)).toBe('z3u2secret');
    expect(() => decryptSecret(sealed, `${key}-other`)).toThrow(CredentialsKeyError);
  });

  it('refuses a ciphertext that was altered', () => {
    const [v, iv, tag, body] = encryptSecret('z3u2secret', key).split('.');
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] ^= 1;
    expect(() => decryptSecret([v, iv, tag, flipped.toString('base64url')].join('.'), key)).toThrow(/does not decrypt/);
    expect(() => decryptSecret('plain', key)).toThrow(CredentialsKeyError);
  });
});
