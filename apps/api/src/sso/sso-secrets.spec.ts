import { SsoSecretKeyError, SsoSecrets } from './sso-secrets';

const CURRENT = 'current-sso-key-current-sso-key-0123456789';
const OLD = 'older-sso-key-older-sso-key-older-0123456789';
const ORG = '6b1f0e4e-3a55-4c1e-9d7e-2c9b7d1f0a01';

describe(SsoSecrets.name, () => {
  describe('seal', () => {
    it('answers ciphertext that is not the plain text, under the current key’s id, different each time', () => {
      const sut = new SsoSecrets([CURRENT, OLD]);
      const a = sut.seal('the-client-secret', ORG);
      const b = sut.seal('the-client-secret', ORG);
      expect(a.ciphertext).not.toContain('the-client-secret');
      expect(Buffer.from(a.ciphertext.split('.')[3], 'base64url').toString('latin1')).not.toContain('the-client-secret');
      expect(a.ciphertext).not.toBe(b.ciphertext);
      expect(a.keyId).toBe(sut.currentKeyId);
      expect(a.keyId).toMatch(/^[0-9a-f]{16}$/);
    });

    it('refuses without a key', () => {
      const sut = new SsoSecrets([]);
      expect(sut.available).toBe(false);
      expect(() => sut.seal('x', ORG)).toThrow(SsoSecretKeyError);
    });
  });

  describe('open', () => {
    it('opens what it sealed, and what an older key sealed once that key follows the current one (rotation)', () => {
      const sealedWithOld = new SsoSecrets([OLD]).seal('rotated', ORG);
      const sut = new SsoSecrets([CURRENT, OLD]);
      expect(sut.open(sut.seal('secret', ORG), ORG)).toBe('secret');
      expect(sut.open(sealedWithOld, ORG)).toBe('rotated');
      expect(sealedWithOld.keyId).not.toBe(sut.currentKeyId);
    });

    it('names the missing key id when the key that sealed it is gone', () => {
      const sealed = new SsoSecrets([OLD]).seal('x', ORG);
      expect(() => new SsoSecrets([CURRENT]).open(sealed, ORG)).toThrow(new RegExp(`id ${sealed.keyId}`));
    });

    it('refuses a ciphertext altered, or copied to another organisation', () => {
      const sut = new SsoSecrets([CURRENT]);
      const sealed = sut.seal('secret', ORG);
      const parts = sealed.ciphertext.split('.');
      const body = Buffer.from(parts[3], 'base64url');
      body[0] ^= 1;
      expect(() => sut.open({ ...sealed, ciphertext: [...parts.slice(0, 3), body.toString('base64url')].join('.') }, ORG)).toThrow(SsoSecretKeyError);
      expect(() => sut.open(sealed, '00000000-0000-4000-8000-000000000000')).toThrow(SsoSecretKeyError);
      expect(() => sut.open({ ...sealed, ciphertext: 'v0.x' }, ORG)).toThrow(SsoSecretKeyError);
    });
  });
});
