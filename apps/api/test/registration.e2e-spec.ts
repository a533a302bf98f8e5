import type { MeResponse } from '@als/shared';
import { request, startTestApp, TestApp } from './app';
import { registerUser, TestUser } from './factories';

/* Issue 18: an optional professional registration on the account, validated, shown on the CPD export. */
describe('professional registration (PATCH /api/me registration)', () => {
  let t: TestApp;
  let pat: TestUser;
  beforeAll(async () => {
    t = await startTestApp();
    pat = await registerUser(t, { displayName: 'Pat Lindqvist' });
  });
  afterAll(() => t.close());
  const me = async () => (await request(t.http).get('/api/me').set(pat.auth).expect(200)).body as MeResponse;
  const kept = async () => ((await t.db.query(`SELECT "registrationRegulator", "registrationNumber" FROM "users" WHERE "id" = $1`, [pat.id])) as { registrationRegulator: string | null; registrationNumber: string | null }[])[0];

  it('has none until the person gives one', async () => {
    expect((await me()).registration).toBeNull();
  });

  it('refuses what is not a registration, naming the field, and keeps nothing', async () => {
    for (const [registration, field] of [
      ['SW123', 'registration'],
      [{ regulator: 'hcpc', number: 'SW123456' }, 'registration.regulator'],
      [{ regulator: 'swe' }, 'registration.number'],
      [{ regulator: 'swe', number: '' }, 'registration.number'],
      [{ regulator: 'swe', number: '123456' }, 'registration.number'],
      [{ regulator: 'sssc', number: 'SW123456' }, 'registration.number'],
      [{ regulator: 'niscc', number: 12 }, 'registration.number'],
      [{ regulator: 'scw', number: '1234567', extra: 1 }, 'extra'],
    ] as const) {
      const response = await request(t.http).patch('/api/me').set(pat.auth).send({ registration });
      expect({ registration, status: response.status }).toEqual({ registration, status: 400 });
      expect((response.body as { message: string }).message).toContain(field);
    }
    expect(await kept()).toEqual({ registrationRegulator: null, registrationNumber: null });
  });

  it('keeps a valid one with its number normalised, shows it on the CPD export, and removes it on null', async () => {
    const updated = (await request(t.http).patch('/api/me').set(pat.auth).send({ registration: { regulator: 'swe', number: 'sw 123-456' } }).expect(200)).body as MeResponse;
    expect(updated.registration).toEqual({ regulator: 'swe', number: 'SW123456' });
    expect((await me()).registration).toEqual({ regulator: 'swe', number: 'SW123456' });
    const md = (await request(t.http).get('/api/me/cpd-export?format=md').set(pat.auth).expect(200)).text;
    expect(md).toContain('Social Work England registration SW123456');
    expect(md).toContain('## Declaration');
    await request(t.http).patch('/api/me').set(pat.auth).send({ registration: { regulator: 'niscc', number: '6012345' } }).expect(200);
    expect((await me()).registration).toEqual({ regulator: 'niscc', number: '6012345' });
    // Other changes leave it as it is.
    await request(t.http).patch('/api/me').set(pat.auth).send({ meetingReminders: false }).expect(200);
    expect((await me()).registration).toEqual({ regulator: 'niscc', number: '6012345' });
    await request(t.http).patch('/api/me').set(pat.auth).send({ registration: null }).expect(200);
    expect((await me()).registration).toBeNull();
    expect(await kept()).toEqual({ registrationRegulator: null, registrationNumber: null });
  });

  it('is both or neither in the database itself', async () => {
    await expect(t.db.query(`UPDATE "users" SET "registrationRegulator" = 'swe', "registrationNumber" = NULL WHERE "id" = $1`, [pat.id])).rejects.toThrow(/CHK_users_registration/);
    await expect(t.db.query(`UPDATE "users" SET "registrationRegulator" = 'hcpc', "registrationNumber" = '1' WHERE "id" = $1`, [pat.id])).rejects.toThrow(/CHK_users_registration/);
  });

  it('needs a signed-in person', async () => {
    await request(t.http).patch('/api/me').send({ registration: null }).expect(401);
  });
});
