import type { AuthResponse, OrganisationInvitationCreatedResponse, OrganisationResponse } from '@als/shared';
import { AccessTokens } from '@api/auth/access-tokens';
import { request, startTestApp, TestApp } from './app';
import { PASSWORD, registerUser, TestUser } from './factories';

/**
 * A sign-in racing an admin disabling the account: once the disable has answered, the person has
 * no working session, whichever way the two interleave. The sign-in is held inside its transaction
 * (after its session row is written, before it commits) while the disable runs, which is the
 * interleaving a check-then-insert without a lock gets wrong.
 */
describe('a sign-in racing a disable', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function personOfAnOrganisation(): Promise<{ admin: TestUser; organisation: OrganisationResponse; person: TestUser }> {
    const admin = await registerUser(t);
    const organisation = (await request(t.http).post('/api/organisations').set(admin.auth).send({ name: 'Racing Council' }).expect(201)).body as OrganisationResponse;
    const person = await registerUser(t);
    const invitation = (await request(t.http).post(`/api/organisations/${organisation.id}/people`).set(admin.auth).send({ email: person.email, role: 'member' }).expect(201)).body as OrganisationInvitationCreatedResponse;
    await request(t.http).post(`/api/organisation-invitations/${invitation.token}/accept`).set(person.auth).send({}).expect(200);
    return { admin, organisation, person };
  }

  /** Holds the next session being opened inside its transaction until `release`; `reached` resolves once it is there. */
  function holdNextSignIn() {
    const tokens = t.app.get(AccessTokens);
    const sign = tokens.sign.bind(tokens);
    let release!: () => void;
    let reached!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const arrived = new Promise<void>((resolve) => (reached = resolve));
    const spy = jest.spyOn(tokens, 'sign').mockImplementationOnce(async (session) => {
      reached();
      await released;
      return sign(session);
    });
    return { reached: arrived, release, restore: () => spy.mockRestore() };
  }

  it('a password sign-in held open while the disable runs ends with the rest: no working session once the disable answered', async () => {
    const { admin, organisation, person } = await personOfAnOrganisation();
    const hold = holdNextSignIn();
    try {
      const signIn = request(t.http).post('/api/auth/login').send({ email: person.email, password: PASSWORD }).then((r) => r);
      await hold.reached;
      let disabledAt = 0;
      const disable = request(t.http).post(`/api/organisations/${organisation.id}/people/${person.id}/disable`).set(admin.auth).then((r) => {
        disabledAt = Date.now();
        return r;
      });
      // Give the disable every chance to finish while the sign-in is still open.
      await new Promise((resolve) => setTimeout(resolve, 300));
      hold.release();
      const [signedIn, disabled] = await Promise.all([signIn, disable]);
      expect(disabled.status).toBe(204);
      expect(disabledAt).toBeGreaterThan(0);
      if (signedIn.status === 200) {
        const token = (signedIn.body as AuthResponse).accessToken;
        await request(t.http).get('/api/me').set({ Authorization: `Bearer ${token}` }).expect(401);
      } else {
        expect(signedIn.status).toBe(403);
      }
      const open = (await t.db.query(`SELECT count(*)::int AS n FROM "sessions" WHERE "userId" = $1 AND "revokedAt" IS NULL`, [person.id])) as { n: number }[];
      expect(open[0].n).toBe(0);
    } finally {
      hold.restore();
    }
  });

  it('sign-ins and disables started together, many times over: never a working session after the disable answered', async () => {
    const { admin, organisation, person } = await personOfAnOrganisation();
    for (let round = 0; round < 8; round++) {
      const signIns = [0, 1, 2].map((i) => new Promise((resolve) => setTimeout(resolve, i * 5 * round)).then(() => request(t.http).post('/api/auth/login').send({ email: person.email, password: PASSWORD })));
      const disabled = await request(t.http).post(`/api/organisations/${organisation.id}/people/${person.id}/disable`).set(admin.auth);
      expect(disabled.status).toBe(204);
      const answers = await Promise.all(signIns);
      for (const answer of answers) {
        expect([200, 403]).toContain(answer.status);
        if (answer.status !== 200) continue;
        const token = (answer.body as AuthResponse).accessToken;
        // Signed in before the disable answered or after it: either way that session does not work now.
        await request(t.http).get('/api/me').set({ Authorization: `Bearer ${token}` }).expect(401);
      }
      await request(t.http).post(`/api/organisations/${organisation.id}/people/${person.id}/enable`).set(admin.auth).expect(204);
    }
  });
});
