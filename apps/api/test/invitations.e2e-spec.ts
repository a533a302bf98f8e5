import type { InvitationPreviewResponse, InvitationResponse } from '@als/shared';
import { readMails, request, startTestApp, TestApp } from './app';
import { createSet, invite, registerUser, uniqueEmail } from './factories';

describe('invitations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function scenario() {
    const fran = await registerUser(t, { displayName: 'Fran Facilitator' });
    const set = await createSet(t, fran, { name: 'Invited set', groundRules: 'Rule one\nRule two', purpose: 'Secret purpose' });
    const pat = await registerUser(t, { displayName: 'Pat' });
    return { fran, set, pat };
  }
  const accept = (token: string, auth: Record<string, string>, body: object = { acceptGroundRules: true }) => request(t.http).post(`/api/invitations/${token}/accept`).set(auth).send(body);
  const mailTo = (email: string) => readMails(t.mailDir).filter((m) => m.includes(`To: ${email}`));

  describe('POST /api/sets/:setId/invitations', () => {
    it('answers the invitation with its token and e-mails a link to it', async () => {
      const { fran, set, pat } = await scenario();
      const response = await request(t.http).post(`/api/sets/${set.id}/invitations`).set(fran.auth).send({ email: pat.email, role: 'member' }).expect(201);
      expect(response.body).toMatchObject({ id: expect.any(String), email: pat.email, role: 'member', token: expect.any(String), status: 'pending' });
      const mails = mailTo(pat.email);
      expect(mails).toHaveLength(1);
      expect(mails[0]).toMatch(/^Subject: .*Invitation_to_the_action_learning_set/m); // RFC 2047-encoded
      expect(mails[0]).toContain('Invited_set');
      expect(mails[0].replace(/=\r?\n/g, '')).toContain(`http://app.test/invitations/${response.body.token}`);
      const [row] = await t.db.query('SELECT "tokenHash", "expiresAt" FROM invitations WHERE id = $1', [response.body.id]);
      expect(row.tokenHash).not.toBe(response.body.token);
      const days = (new Date(row.expiresAt).getTime() - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(13.9);
      expect(days).toBeLessThanOrEqual(14);
    });

    it('refuses a second pending invitation and an invitation to someone already in the set (409)', async () => {
      const { fran, set, pat } = await scenario();
      await invite(t, fran, set.id, pat.email);
      await request(t.http).post(`/api/sets/${set.id}/invitations`).set(fran.auth).send({ email: pat.email.toUpperCase(), role: 'member' }).expect(409);
      await request(t.http).post(`/api/sets/${set.id}/invitations`).set(fran.auth).send({ email: fran.email, role: 'member' }).expect(409);
    });
  });

  describe('GET /api/sets/:setId/invitations', () => {
    it('lists the set\'s invitations without their tokens', async () => {
      const { fran, set, pat } = await scenario();
      const created = await invite(t, fran, set.id, pat.email, 'sponsor');
      const list = (await request(t.http).get(`/api/sets/${set.id}/invitations`).set(fran.auth).expect(200)).body as InvitationResponse[];
      expect(list).toEqual([expect.objectContaining({ id: created.id, email: pat.email, role: 'sponsor', status: 'pending' })]);
      expect(JSON.stringify(list)).not.toContain(created.token);
    });
  });

  describe('GET /api/invitations/:token', () => {
    it('shows the set name, inviter and ground rules, and no other set content, without signing in', async () => {
      const { fran, set, pat } = await scenario();
      const { token } = await invite(t, fran, set.id, pat.email);
      const preview = (await request(t.http).get(`/api/invitations/${token}`).expect(200)).body as InvitationPreviewResponse;
      expect(preview).toMatchObject({ setName: 'Invited set', invitedBy: 'Fran Facilitator', groundRules: 'Rule one\nRule two', email: pat.email, role: 'member', status: 'pending' });
      expect(JSON.stringify(preview)).not.toContain('Secret purpose');
    });

    it('answers 404 for an unknown token', async () => {
      await request(t.http).get('/api/invitations/no-such-token').expect(404);
    });
  });

  describe('POST /api/invitations/:token/accept', () => {
    it('brings the invited person in with the invited role once they accept the ground rules', async () => {
      const { fran, set, pat } = await scenario();
      const { token } = await invite(t, fran, set.id, pat.email, 'sponsor');
      await request(t.http).get(`/api/sets/${set.id}`).set(pat.auth).expect(404);
      const response = await accept(token, pat.auth).expect(200);
      expect(response.body).toEqual({ setId: set.id, userId: pat.id, role: 'sponsor' });
      await request(t.http).get(`/api/sets/${set.id}`).set(pat.auth).expect(200);
      const [row] = await t.db.query('SELECT "groundRulesAcceptedAt" FROM set_memberships WHERE "setId" = $1 AND "userId" = $2', [set.id, pat.id]);
      expect(row.groundRulesAcceptedAt).not.toBeNull();
    });

    it.each([
      ['without acceptGroundRules', {}],
      ['with acceptGroundRules false', { acceptGroundRules: false }],
      ['with acceptGroundRules "yes"', { acceptGroundRules: 'yes' }],
    ])('answers 400 %s and leaves the person outside', async (_, body) => {
      const { fran, set, pat } = await scenario();
      const { token } = await invite(t, fran, set.id, pat.email);
      const response = await accept(token, pat.auth, body).expect(400);
      expect(response.body.message).toContain('acceptGroundRules');
      await request(t.http).get(`/api/sets/${set.id}`).set(pat.auth).expect(404);
    });

    it('refuses another account than the invited one (403)', async () => {
      const { fran, set, pat } = await scenario();
      const { token } = await invite(t, fran, set.id, pat.email);
      const other = await registerUser(t);
      const response = await accept(token, other.auth).expect(403);
      expect(response.body.message).toContain(pat.email);
      await request(t.http).get(`/api/sets/${set.id}`).set(other.auth).expect(404);
      await accept(token, pat.auth).expect(200);
    });

    it('needs a signed-in person (401)', async () => {
      const { fran, set, pat } = await scenario();
      const { token } = await invite(t, fran, set.id, pat.email);
      await accept(token, {}).expect(401);
    });

    it('works once: a used link answers 409', async () => {
      const { fran, set, pat } = await scenario();
      const { token } = await invite(t, fran, set.id, pat.email);
      await accept(token, pat.auth).expect(200);
      expect((await accept(token, pat.auth).expect(409)).body.message).toContain('already been used');
    });

    it('answers 409 for an expired link', async () => {
      const { fran, set, pat } = await scenario();
      const { id, token } = await invite(t, fran, set.id, pat.email);
      await t.db.query(`UPDATE invitations SET "expiresAt" = now() - interval '1 minute' WHERE id = $1`, [id]);
      expect((await accept(token, pat.auth).expect(409)).body.message).toContain('expired');
      await request(t.http).get(`/api/sets/${set.id}`).set(pat.auth).expect(404);
    });

    it('accepts an invitation to a not-yet-registered address once that person signs up', async () => {
      const { fran, set } = await scenario();
      const email = uniqueEmail('later');
      const { token } = await invite(t, fran, set.id, email);
      const newcomer = await registerUser(t, { email });
      await accept(token, newcomer.auth).expect(200);
    });
  });

  describe('re-sending and revoking', () => {
    it('re-sends with a new link: the old one stops working, the new one works', async () => {
      const { fran, set, pat } = await scenario();
      const first = await invite(t, fran, set.id, pat.email);
      const again = await request(t.http).post(`/api/sets/${set.id}/invitations/${first.id}/resend`).set(fran.auth).expect(200);
      expect(again.body.token).not.toBe(first.token);
      expect(mailTo(pat.email)).toHaveLength(2);
      await accept(first.token, pat.auth).expect(404);
      await accept(again.body.token, pat.auth).expect(200);
      await request(t.http).post(`/api/sets/${set.id}/invitations/${first.id}/resend`).set(fran.auth).expect(409);
    });

    it('revokes: the link answers 409 and the invitation shows as revoked', async () => {
      const { fran, set, pat } = await scenario();
      const { id, token } = await invite(t, fran, set.id, pat.email);
      await request(t.http).delete(`/api/sets/${set.id}/invitations/${id}`).set(fran.auth).expect(204);
      expect((await accept(token, pat.auth).expect(409)).body.message).toContain('withdrawn');
      const list = (await request(t.http).get(`/api/sets/${set.id}/invitations`).set(fran.auth).expect(200)).body as InvitationResponse[];
      expect(list[0].status).toBe('revoked');
    });

    it('answers 404 for another set\'s invitation id, and for a malformed one', async () => {
      const { fran, set, pat } = await scenario();
      const { id } = await invite(t, fran, set.id, pat.email);
      const elsewhere = await createSet(t, fran, { name: 'Other set' });
      await request(t.http).delete(`/api/sets/${elsewhere.id}/invitations/${id}`).set(fran.auth).expect(404);
      await request(t.http).post(`/api/sets/${elsewhere.id}/invitations/${id}/resend`).set(fran.auth).expect(404);
      await request(t.http).delete(`/api/sets/${set.id}/invitations/not-a-uuid`).set(fran.auth).expect(404);
    });
  });
});
