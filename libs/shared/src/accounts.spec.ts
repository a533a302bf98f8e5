import { commonPasswordSet, passwordProblem, passwordStrength } from './accounts';

const common = commonPasswordSet(['password123', 'qwertyuiop', '1234567890']);

describe('passwordProblem', () => {
  it('accepts 10 to 256 characters that are not common', () => {
    expect(passwordProblem('pat has a long password', 'password', common)).toBeNull();
    expect(passwordProblem('x'.repeat(256), 'password', common)).toBeNull();
  });

  it.each([
    ['too short', 'nine char', 'password must be at least 10 characters'],
    ['too long', 'y'.repeat(257), 'password must be at most 256 characters'],
    ['not text', 1234567890, 'password must be text'],
    ['a control character', 'long enough\u0000', 'password must not contain control characters or line breaks'],
    ['a line break', 'long enough\nreally', 'password must not contain control characters or line breaks'],
  ])('refuses %s, naming the field', (_, value, message) => {
    expect(passwordProblem(value, 'password', common)).toBe(message);
  });

  it('refuses a common password whatever its case and spaces', () => {
    expect(passwordProblem('Password 123', 'newPassword', common)).toMatch(/^newPassword is one of the most commonly used passwords/);
    expect(passwordProblem('QWERTYUIOP', 'password', common)).toMatch(/commonly used/);
  });

  it('counts a character outside the BMP as one', () => {
    expect(passwordProblem('😀'.repeat(9), 'password', common)).toMatch(/at least 10/);
  });
});

describe('passwordStrength', () => {
  it('says what is missing before the rules are met', () => {
    expect(passwordStrength('', common).hint).toMatch(/At least 10 characters/);
    expect(passwordStrength('short', common)).toMatchObject({ level: 0, label: 'Too short', hint: '5 of at least 10 characters.' });
    expect(passwordStrength('password123', common)).toMatchObject({ level: 0, label: 'Too common' });
  });

  it('rates repeats as weak and long varied passphrases as strong', () => {
    expect(passwordStrength('aaaaaaaaaaaaaaaa', common).level).toBe(1);
    expect(passwordStrength('violet kettle 42 marching!', common).level).toBe(4);
  });

  it('says nothing of the list until it is loaded', () => {
    expect(passwordStrength('password123', null).level).toBeGreaterThan(0);
  });
});
