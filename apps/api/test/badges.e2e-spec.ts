import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { decodeList } from '@digitalbazaar/vc-bitstring-status-list';
import type { BadgeProgressResponse, BadgeResponse, CredentialSummaryResponse, CredentialVerificationResponse } from '@als/shared';
import { TestClock } from '@api/common/clock';
import { OutboxService } from '@api/mail/outbox.service';
import { BadgeRemindersService } from '@api/badges/badge-reminders.service';
import { unbakeSvg } from '@api/badges/badge-image';
import { IssuerService } from '@api/badges/issuer.service';
import { LONG_SESSIONS, request, startTestApp, TestApp } from './app';
import { jsonOf, verifyAsThirdParty, verifyStatusList } from './credentials';
import { addMember, createSet, registerUser, setWithRoles, TestUser } from './factories';
import { parsedMails } from './mail';

const BADGE = { name: 'Reflective practitioner', description: 'Took part in an action learning set and reflected on it.', criteria: { minMeetings: 2, presented: true, minWords: 40 } };
const words = (n: number, word = 'reflection') => Array.from({ length: n }, () => word).join(' ');
const STATEMENT = `In the set I learned to ask open questions instead of giving advice. ${words(45, 'practice')}`;
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

describe('Open Badges: a set’s badge, applications, decisions and verifiable credentials', () => {
  let t: TestApp;
  let clock: TestClock;
  let world: Awaited<ReturnType<typeof setWithRoles>>;
  let other: { facilitator: TestUser; setId: string };
  const settle = () => t.app.get(OutboxService).drain();

  /** A meeting `hoursAhead` from the clock that `who` say they attend (the clock is moved past it later). */
  async function attendedMeeting(setId: string, facilitator: TestUser, people: TestUser[], hoursAhead: number) {
    const startsAt = DateTime.fromJSDate(clock.now()).plus({ hours: hoursAhead }).toISO()!;
    const meeting = (await request(t.http).post(`/api/sets/${setId}/meetings`).set(facilitator.auth).send({ startsAt, durationMinutes: 120, format: 'online' }).expect(201)).body as { id: string };
    for (const who of people) await request(t.http).put(`/api/meetings/${meeting.id}/attendance`).set(who.auth).send({ status: 'attending' }).expect(200);
    return meeting.id;
  }

  /** A member who meets the criteria: two meetings attended, and presenter of a round. */
  async function qualifiedMember(setId = world.set.id, facilitator = world.facilitator): Promise<TestUser> {
    const member = await addMember(t, facilitator, setId);
    await attendedMeeting(setId, facilitator, [member], 2);
    await attendedMeeting(setId, facilitator, [member], 4);
    await request(t.http).post(`/api/sets/${setId}/rounds`).set(facilitator.auth).send({ title: 'A hard transition', caseText: 'A case about a move between services.', presenterId: member.id }).expect(201);
    return member;
  }

  beforeAll(async () => {
    clock = new TestClock(new Date());
    t = await startTestApp(LONG_SESSIONS, { clock });
    world = await setWithRoles(t);
    const facilitator = await registerUser(t, { displayName: 'Other Facilitator' });
    other = { facilitator, setId: (await createSet(t, facilitator, { name: 'Another set' })).id };
    await request(t.http).put(`/api/sets/${other.setId}/badge`).set(facilitator.auth).send(BADGE).expect(200);
  });
  afterAll(() => t.close());

  describe('PUT /api/sets/:setId/badge', () => {
    it('lets a facilitator define the badge, with the default reflective prompts and a generated image', async () => {
      const badge = (await request(t.http).put(`/api/sets/${world.set.id}/badge`).set(world.facilitator.auth).send(BADGE).expect(200)).body as BadgeResponse;
      expect(badge).toMatchObject({ setId: world.set.id, name: BADGE.name, criteria: BADGE.criteria, customImage: false });
      expect(badge.prompts).toHaveLength(3);
      expect(badge.narrative).toContain('at least 2 meetings');
      expect(badge.narrative).toContain('at least 40 words');
      const image = await request(t.http).get(new URL(badge.imageUrl).pathname).expect(200);
      expect(image.headers['content-type']).toContain('image/svg+xml');
      expect(String(image.body)).toContain('Reflective practitioner');
      const again = (await request(t.http).put(`/api/sets/${world.set.id}/badge`).set(world.facilitator.auth).send({ ...BADGE, prompts: ['What did you learn?'] }).expect(200)).body as BadgeResponse;
      expect(again.id).toBe(badge.id);
      expect(again.prompts).toEqual(['What did you learn?']);
      await request(t.http).put(`/api/sets/${world.set.id}/badge`).set(world.facilitator.auth).send(BADGE).expect(200);
    });

    it('is for facilitators: members and sponsors 403, outsiders and removed members 404', async () => {
      for (const who of [world.member, world.sponsor]) await request(t.http).put(`/api/sets/${world.set.id}/badge`).set(who.auth).send(BADGE).expect(403);
      for (const who of [world.outsider, world.removed]) await request(t.http).put(`/api/sets/${world.set.id}/badge`).set(who.auth).send(BADGE).expect(404);
      await request(t.http).put(`/api/sets/${world.set.id}/badge`).send(BADGE).expect(401);
    });

    it.each([
      [{ ...BADGE, criteria: undefined }, 'criteria'],
      [{ ...BADGE, criteria: { minMeetings: -1, minWords: 10 } }, 'criteria.minMeetings'],
      [{ ...BADGE, criteria: { minMeetings: 1, minWords: 1.5 } }, 'criteria.minWords'],
      [{ ...BADGE, criteria: { minMeetings: 1, minWords: 10, presented: 'yes' } }, 'criteria.presented'],
      [{ ...BADGE, name: 'Bad\u0000name' }, 'name'],
      [{ ...BADGE, name: '   ' }, 'name'],
      [{ ...BADGE, description: 'x'.repeat(1001) }, 'description'],
      [{ ...BADGE, prompts: ['ok', 'bad\u0007prompt'] }, 'prompts'],
      [{ ...BADGE, prompts: Array.from({ length: 7 }, () => 'A prompt') }, 'prompts'],
      [{ ...BADGE, colour: 'red' }, 'colour'],
    ])('refuses %j with 400 naming %s, writing nothing', async (body, field) => {
      const response = await request(t.http).put(`/api/sets/${world.set.id}/badge`).set(world.facilitator.auth).send(body).expect(400);
      expect((response.body as { message: string }).message).toContain(field);
      const badge = (await request(t.http).get(`/api/sets/${world.set.id}/badge`).set(world.member.auth).expect(200)).body as BadgeResponse;
      expect(badge.name).toBe(BADGE.name);
    });
  });

  describe('PUT /api/sets/:setId/badge/image', () => {
    it('takes a PNG and serves it publicly; back to the generated one on DELETE', async () => {
      const badge = (await request(t.http).put(`/api/sets/${world.set.id}/badge/image`).set(world.facilitator.auth).send({ dataUrl: `data:image/png;base64,${PNG.toString('base64')}` }).expect(200)).body as BadgeResponse;
      expect(badge.customImage).toBe(true);
      const image = await request(t.http).get(new URL(badge.imageUrl).pathname).expect(200);
      expect(image.headers['content-type']).toBe('image/png');
      expect(Buffer.compare(image.body as Buffer, PNG)).toBe(0);
      expect(((await request(t.http).delete(`/api/sets/${world.set.id}/badge/image`).set(world.facilitator.auth).expect(200)).body as BadgeResponse).customImage).toBe(false);
    });

    it.each([
      ['an SVG with a script', `data:image/svg+xml;base64,${Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>').toString('base64')}`, 'scripts'],
      ['an SVG with an event handler', `data:image/svg+xml;base64,${Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="x()"></svg>').toString('base64')}`, 'event handlers'],
      ['an SVG with entities', `data:image/svg+xml;base64,${Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>&x;</svg>').toString('base64')}`, 'DOCTYPE'],
      ['a document that is not an SVG', `data:image/svg+xml;base64,${Buffer.from('<?xml version="1.0"?><!DOCTYPE html><html></html>').toString('base64')}`, 'start with an <svg>'],
      ['a PNG that is not one', `data:image/png;base64,${Buffer.from('not a png at all, just text pretending').toString('base64')}`, 'not a PNG'],
      ['a JPEG', 'data:image/jpeg;base64,/9j/4AAQ', 'PNG or SVG'],
      ['an image over 60 KB', `data:image/png;base64,${Buffer.concat([PNG, Buffer.alloc(70 * 1024)]).toString('base64')}`, 'at most 60 KB'],
    ])('refuses %s with 400 naming dataUrl', async (_what, dataUrl, why) => {
      const response = await request(t.http).put(`/api/sets/${world.set.id}/badge/image`).set(world.facilitator.auth).send({ dataUrl });
      expect([400, 413]).toContain(response.status);
      if (response.status === 400) expect((response.body as { message: string }).message).toMatch(new RegExp(`dataUrl.*${why}|${why}.*`));
    });
  });

  describe('GET /api/sets/:setId/badge and /progress', () => {
    it('shows the badge to everyone in the set (not to outsiders), and a member what is still missing', async () => {
      for (const who of [world.facilitator, world.member, world.sponsor]) await request(t.http).get(`/api/sets/${world.set.id}/badge`).set(who.auth).expect(200);
      await request(t.http).get(`/api/sets/${world.set.id}/badge`).set(world.outsider.auth).expect(404);
      const progress = (await request(t.http).get(`/api/sets/${world.set.id}/badge/progress`).set(world.member.auth).expect(200)).body as BadgeProgressResponse;
      expect(progress).toMatchObject({ meetingsAttended: 0, presented: false, application: null, credentialId: null });
      expect(progress.unmet.map((u) => u.criterion)).toEqual(['meetings', 'presented']);
      await request(t.http).get(`/api/sets/${world.set.id}/badge/progress`).set(world.sponsor.auth).expect(403);
    });

    it('answers 404 for a set without a badge', async () => {
      const facilitator = await registerUser(t);
      const set = await createSet(t, facilitator);
      expect((await request(t.http).get(`/api/sets/${set.id}/badge`).set(facilitator.auth).expect(404)).body).toMatchObject({ message: expect.stringContaining('no badge') });
    });
  });

  describe('POST /api/sets/:setId/badge/applications', () => {
    it('refuses with 400 naming each unmet criterion: meetings attended, presented, words in the statement', async () => {
      const response = await request(t.http).post(`/api/sets/${world.set.id}/badge/applications`).set(world.member.auth).send({ statement: 'Too short.', declaration: true }).expect(400);
      const body = response.body as { message: string; errors: { field: string }[] };
      expect(body.message).toContain('meetings attended: 0 of the 2');
      expect(body.message).toContain('presented');
      expect(body.message).toContain('words in the statement: 2 of the 40');
      expect(body.errors.map((e) => e.field)).toEqual(['meetingsAttended', 'presented', 'statement']);
      expect(await t.db.query(`SELECT 1 FROM "badge_applications" WHERE "userId" = $1`, [world.member.id])).toHaveLength(0);
    });

    it('counts meetings once they are past and a round presented, and then takes a statement long enough', async () => {
      const member = await qualifiedMember();
      const before = (await request(t.http).get(`/api/sets/${world.set.id}/badge/progress`).set(member.auth).expect(200)).body as BadgeProgressResponse;
      expect(before).toMatchObject({ meetingsAttended: 0, presented: true });
      clock.advance({ hours: 6 });
      const after = (await request(t.http).get(`/api/sets/${world.set.id}/badge/progress`).set(member.auth).expect(200)).body as BadgeProgressResponse;
      expect(after).toMatchObject({ meetingsAttended: 2, presented: true, unmet: [] });
      const short = await request(t.http).post(`/api/sets/${world.set.id}/badge/applications`).set(member.auth).send({ statement: words(39), declaration: true }).expect(400);
      expect((short.body as { message: string }).message).toContain('words in the statement: 39 of the 40');
      const created = await request(t.http).post(`/api/sets/${world.set.id}/badge/applications`).set(member.auth).send({ statement: STATEMENT, declaration: true }).expect(201);
      expect(created.body).toEqual({ id: expect.any(String), status: 'submitted' });
      await request(t.http).post(`/api/sets/${world.set.id}/badge/applications`).set(member.auth).send({ statement: STATEMENT, declaration: true }).expect(409);
    });

    it('refuses public evidence with an unconfirmed confidentiality finding, naming it, and takes it once each is confirmed', async () => {
      const member = await qualifiedMember();
      clock.advance({ hours: 6 });
      const statement = `I supported Mrs Patel, who lives at 14 Hawthorn Close, LS6 2QT. ${STATEMENT}`;
      const refused = await request(t.http).post(`/api/sets/${world.set.id}/badge/applications`).set(member.auth).send({ statement, declaration: true, publicEvidence: true }).expect(400);
      const message = (refused.body as { message: string }).message;
      for (const text of ['Mrs Patel', '14 Hawthorn Close', 'LS6 2QT']) expect(message).toContain(text);
      expect(message).toContain('[postcode]');
      const partly = await request(t.http).post(`/api/sets/${world.set.id}/badge/applications`).set(member.auth).send({ statement, declaration: true, publicEvidence: true, confirmedFindings: ['name:mrs patel'] }).expect(400);
      expect((partly.body as { message: string }).message).not.toContain('Mrs Patel');
      // Not public: the check does not block (it is the facilitator's to read, inside the set).
      await request(t.http).post(`/api/sets/${world.set.id}/badge/applications`).set(member.auth).send({ statement, declaration: true, confirmedFindings: [] }).expect(201);
    });

    it.each([
      [{ statement: STATEMENT }, 'declaration'],
      [{ statement: STATEMENT, declaration: false }, 'declaration'],
      [{ statement: STATEMENT, declaration: 'yes' }, 'declaration'],
      [{ declaration: true }, 'statement'],
      [{ statement: `bad\u0000${STATEMENT}`, declaration: true }, 'statement'],
      [{ statement: STATEMENT, declaration: true, publicEvidence: 'no' }, 'publicEvidence'],
      [{ statement: STATEMENT, declaration: true, confirmedFindings: 'name:x' }, 'confirmedFindings'],
      [{ statement: STATEMENT, declaration: true, confirmedFindings: ['line\nbreak'] }, 'confirmedFindings'],
      [{ statement: STATEMENT, declaration: true, approved: true }, 'approved'],
    ])('refuses %j with 400 naming %s', async (body, field) => {
      const response = await request(t.http).post(`/api/sets/${world.set.id}/badge/applications`).set(world.member.auth).send(body).expect(400);
      expect((response.body as { message: string }).message).toContain(field);
    });

    it('is not for sponsors (403) nor outsiders (404)', async () => {
      await request(t.http).post(`/api/sets/${world.set.id}/badge/applications`).set(world.sponsor.auth).send({ statement: STATEMENT, declaration: true }).expect(403);
      await request(t.http).post(`/api/sets/${world.set.id}/badge/applications`).set(world.outsider.auth).send({ statement: STATEMENT, declaration: true }).expect(404);
    });

    it('takes one of two applications sent at once by the same person (409 for the other)', async () => {
      const member = await qualifiedMember();
      clock.advance({ hours: 6 });
      const results = await Promise.all([1, 2].map(() => request(t.http).post(`/api/sets/${world.set.id}/badge/applications`).set(member.auth).send({ statement: STATEMENT, declaration: true })));
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    });
  });

  describe('deciding, issuing, verifying and revoking', () => {
    let member: TestUser;
    let applicationId: string;
    let credentialId: string;
    /** The day the credential was issued, by the clock then (the clock moves on by hours between tests, past midnight in an evening run). */
    let issuedDay: string;
    let credential: Record<string, unknown>;

    beforeAll(async () => {
      member = await qualifiedMember();
      clock.advance({ hours: 6 });
      applicationId = ((await request(t.http).post(`/api/sets/${world.set.id}/badge/applications`).set(member.auth).send({ statement: STATEMENT, declaration: true, publicEvidence: true, showName: true }).expect(201)).body as { id: string }).id;
    });

    it('lists applications for facilitators only, with the statement', async () => {
      const list = (await request(t.http).get(`/api/sets/${world.set.id}/badge/applications`).set(world.facilitator.auth).expect(200)).body as { id: string; statement: string; status: string }[];
      expect(list.find((a) => a.id === applicationId)).toMatchObject({ statement: STATEMENT, status: 'submitted' });
      await request(t.http).get(`/api/sets/${world.set.id}/badge/applications`).set(world.member.auth).expect(403);
      await request(t.http).get(`/api/sets/${world.set.id}/badge/applications`).set(world.sponsor.auth).expect(403);
      await request(t.http).get(`/api/sets/${world.set.id}/badge/applications`).set(world.outsider.auth).expect(404);
    });

    it('is decided by a facilitator of its set only: a member 403, another set’s facilitator and outsiders 404', async () => {
      const decide = (who: TestUser, body: object = { decision: 'approve' }) => request(t.http).post(`/api/badge-applications/${applicationId}/decision`).set(who.auth).send(body);
      await decide(world.member).expect(403);
      await decide(world.sponsor).expect(403);
      await decide(other.facilitator).expect(404);
      await decide(world.outsider).expect(404);
      await request(t.http).post('/api/badge-applications/not-a-uuid/decision').set(world.facilitator.auth).send({ decision: 'approve' }).expect(404);
      expect(((await decide(world.facilitator, { decision: 'maybe' }).expect(400)).body as { message: string }).message).toContain('decision');
      expect(((await decide(world.facilitator, { decision: 'return' }).expect(400)).body as { message: string }).message).toContain('feedback');
      expect(((await decide(world.facilitator, { decision: 'return', feedback: 'bad\u0000' }).expect(400)).body as { message: string }).message).toContain('feedback');
      expect(((await decide(member, { decision: 'approve' }).expect(403)).body as { message: string }).message).toContain('facilitator');
    });

    it('approves: an OpenBadgeCredential of the contract’s shape, signed eddsa-rdfc-2022, that verifies with the libraries', async () => {
      const decided = await request(t.http).post(`/api/badge-applications/${applicationId}/decision`).set(world.facilitator.auth).send({ decision: 'approve' }).expect(200);
      expect(decided.body).toEqual({ id: applicationId, status: 'approved', credentialId: expect.any(String) });
      credentialId = (decided.body as { credentialId: string }).credentialId;
      issuedDay = DateTime.fromJSDate(clock.now()).toISODate()!;
      await request(t.http).post(`/api/badge-applications/${applicationId}/decision`).set(world.facilitator.auth).send({ decision: 'approve' }).expect(409);

      const served = await request(t.http).get(`/api/credentials/${credentialId}`).expect(200);
      expect(served.headers['content-type']).toMatch(/^application\/vc\+ld\+json/);
      credential = jsonOf(served);
      expect(credential).toMatchObject({
        '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
        type: ['VerifiableCredential', 'OpenBadgeCredential'],
        issuer: { id: expect.stringMatching(/^did:key:z6Mk/), type: ['Profile'], name: 'Action learning sets' },
        validFrom: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        credentialSubject: {
          type: ['AchievementSubject'],
          achievement: { id: expect.any(String), type: ['Achievement'], name: BADGE.name, description: BADGE.description, criteria: { narrative: expect.stringContaining('at least 2 meetings') } },
        },
        credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: expect.stringMatching(/^\d+$/), statusListCredential: expect.stringMatching(/^http:\/\/app\.test\/api\/status-lists\//) },
        proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod' },
      });
      const subject = credential.credentialSubject as { identifier: { identityType: string; hashed: boolean; identityHash: string; salt?: string }[] };
      const email = subject.identifier.find((i) => i.identityType === 'emailAddress')!;
      expect(email).toMatchObject({ type: 'IdentityObject', hashed: true, salt: expect.any(String) });
      expect(email.identityHash).toBe(`sha256$${createHash('sha256').update(member.email.toLowerCase() + email.salt).digest('hex')}`);
      expect(JSON.stringify(credential)).not.toContain(member.email);
      expect(subject.identifier.find((i) => i.identityType === 'name')).toMatchObject({ hashed: false, identityHash: member.displayName });
      expect((credential.evidence as { narrative: string }[])[0].narrative).toBe(STATEMENT);

      const result = await verifyAsThirdParty(t, credential, { now: clock.now() });
      expect(result).toMatchObject({ verified: true, statusResult: { verified: true, results: [{ verified: true, status: false }] } });
    });

    it('keeps the statement and the name out of the credential unless the member chose them', async () => {
      const quiet = await qualifiedMember();
      clock.advance({ hours: 6 });
      const id = ((await request(t.http).post(`/api/sets/${world.set.id}/badge/applications`).set(quiet.auth).send({ statement: STATEMENT, declaration: true }).expect(201)).body as { id: string }).id;
      const { credentialId: quietId } = (await request(t.http).post(`/api/badge-applications/${id}/decision`).set(world.facilitator.auth).send({ decision: 'approve' }).expect(200)).body as { credentialId: string };
      const text = (await request(t.http).get(`/api/credentials/${quietId}`).expect(200)).text;
      expect(text).not.toContain('open questions instead of giving advice');
      expect(text).not.toContain(quiet.displayName);
      expect(text).not.toContain('"evidence"');
      expect((await verifyAsThirdParty(t, JSON.parse(text) as object, { now: clock.now() })).verified).toBe(true);
    });

    it("lists the badge in the member's CPD export, in a regulator's columns when asked", async () => {
      const query = `format=csv&from=${DateTime.fromJSDate(clock.now()).minus({ days: 30 }).toISODate()}&to=${DateTime.fromJSDate(clock.now()).plus({ days: 1 }).toISODate()}`;
      const swe = (await request(t.http).get(`/api/me/cpd-export?${query}&regulator=swe`).set(member.auth).expect(200)).text;
      expect(swe.split('\r\n')[0]).toBe('\uFEFFActivity type,Date,Title,Description of the activity,What I learnt,Impact on my practice,Peer reflection,What I learnt from discussing it with a peer,Hours,What I will do differently');
      const badgeRow = swe.split('\r\n').find((line) => line.startsWith('Recognised learning: Open Badge'));
      expect(badgeRow).toContain(`Open Badge ""${BADGE.name}"" (${world.set.name})`);
      expect(badgeRow).toContain(`http://app.test/credentials/${credentialId}`);
      expect(badgeRow).toContain(',No,');
      expect(badgeRow).toContain(`,${issuedDay},`);
      const plain = (await request(t.http).get(`/api/me/cpd-export?${query}`).set(member.auth).expect(200)).text;
      expect(plain.split('\r\n')[0]).toBe('\uFEFFActivity type,Date,Title,Description,What I learned,Impact on my practice,Discussed with peers,Hours,What I will do differently');
      expect(plain).toContain('Recognised learning: Open Badge');
      expect((await request(t.http).get(`/api/me/cpd-export?${query}&regulator=sssc`).set(member.auth).expect(200)).text.split('\r\n')[0]).toContain('Hours of learning');
      expect(((await request(t.http).get(`/api/me/cpd-export?${query}&regulator=hcpc`).set(member.auth).expect(400)).body as { message: string }).message).toContain('regulator');
      expect((await request(t.http).get(`/api/me/cpd-export?${query}`).set(world.facilitator.auth).expect(200)).text).not.toContain('Recognised learning: Open Badge');
    });

    it('fails verification when anything in the credential is changed', async () => {
      const tampered = structuredClone(credential) as { credentialSubject: { achievement: { name: string } } };
      tampered.credentialSubject.achievement.name = 'Master of everything';
      const result = await verifyAsThirdParty(t, tampered, { now: clock.now() });
      expect(result.verified).toBe(false);
    });

    it('answers the verification on the server, and lists the credential as the member’s', async () => {
      const verification = (await request(t.http).get(`/api/credentials/${credentialId}/verification`).expect(200)).body as CredentialVerificationResponse;
      expect(verification).toMatchObject({ status: 'valid', verified: true, revoked: false, badge: { name: BADGE.name }, recipientName: member.displayName, evidence: STATEMENT, issuer: { name: 'Action learning sets' } });
      const mine = (await request(t.http).get('/api/me/credentials').set(member.auth).expect(200)).body as CredentialSummaryResponse[];
      expect(mine).toEqual([{ id: credentialId, badgeName: BADGE.name, setName: world.set.name, issuedAt: expect.any(String), url: `http://app.test/credentials/${credentialId}`, jsonUrl: `http://app.test/api/credentials/${credentialId}`, bakedUrl: `http://app.test/api/credentials/${credentialId}/badge.svg`, revokedAt: null }]);
      expect((await request(t.http).get('/api/me/credentials').set(world.outsider.auth).expect(200)).body).toEqual([]);
      await request(t.http).get('/api/credentials/00000000-0000-4000-8000-000000000000').expect(404);
      await request(t.http).get('/api/credentials/nope/verification').expect(404);
    });

    it('bakes the credential into the badge SVG (Open Badges 3.0 baking), downloadable without sign-in', async () => {
      const response = await request(t.http).get(`/api/credentials/${credentialId}/badge.svg`).buffer(true).parse((res, done) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => done(null, text));
      }).expect(200);
      expect(response.headers['content-type']).toContain('image/svg+xml');
      const svg = response.body as string;
      expect(svg).toMatch(/^<svg[^>]* xmlns:openbadges="https:\/\/purl\.imsglobal\.org\/ob\/v3p0"[^>]*><openbadges:credential><!\[CDATA\[/);
      expect(unbakeSvg(svg)).toEqual(credential);
    });

    it('revokes: facilitators only, a reason needed, 409 the second time; the status bit is set in a re-signed list', async () => {
      const revoke = (who: TestUser, body: object = { reason: 'Statement was not the member’s own work' }) => request(t.http).post(`/api/credentials/${credentialId}/revoke`).set(who.auth).send(body);
      await revoke(member).expect(403);
      await revoke(world.sponsor).expect(403);
      await revoke(other.facilitator).expect(404);
      await revoke(world.outsider).expect(404);
      expect(((await revoke(world.facilitator, {}).expect(400)).body as { message: string }).message).toContain('reason');
      expect(((await revoke(world.facilitator, { reason: 'two\nlines' }).expect(400)).body as { message: string }).message).toContain('reason');
      await revoke(world.facilitator).expect(204);
      await revoke(world.facilitator).expect(409);

      const status = credential.credentialStatus as { statusListCredential: string; statusListIndex: string };
      const list = jsonOf(await request(t.http).get(new URL(status.statusListCredential).pathname).expect(200)) as { credentialSubject: { encodedList: string } };
      expect((await verifyStatusList(t, list, { now: clock.now() })).verified).toBe(true);
      const bits = await decodeList({ encodedList: list.credentialSubject.encodedList });
      expect(bits.length).toBeGreaterThanOrEqual(131_072);
      expect(bits.getStatus(Number(status.statusListIndex))).toBe(true);
      // The proof still verifies; the status list says revoked.
      expect(await verifyAsThirdParty(t, credential, { now: clock.now() })).toMatchObject({ verified: true, statusResult: { verified: true, results: [{ status: true }] } });
      expect(((await request(t.http).get(`/api/credentials/${credentialId}/verification`).expect(200)).body as CredentialVerificationResponse).status).toBe('revoked');
      const [mine] = (await request(t.http).get('/api/me/credentials').set(member.auth).expect(200)).body as CredentialSummaryResponse[];
      expect(mine.revokedAt).not.toBeNull();
    });

    it('returns an application with feedback, which the member sees on their progress', async () => {
      const returned = await qualifiedMember();
      clock.advance({ hours: 6 });
      const id = ((await request(t.http).post(`/api/sets/${world.set.id}/badge/applications`).set(returned.auth).send({ statement: STATEMENT, declaration: true }).expect(201)).body as { id: string }).id;
      expect((await request(t.http).post(`/api/badge-applications/${id}/decision`).set(world.facilitator.auth).send({ decision: 'return', feedback: 'Say more about the impact on your practice.' }).expect(200)).body).toEqual({ id, status: 'returned' });
      const progress = (await request(t.http).get(`/api/sets/${world.set.id}/badge/progress`).set(returned.auth).expect(200)).body as BadgeProgressResponse;
      expect(progress.application).toMatchObject({ id, status: 'returned', feedback: 'Say more about the impact on your practice.' });
      // They can apply again.
      await request(t.http).post(`/api/sets/${world.set.id}/badge/applications`).set(returned.auth).send({ statement: `${STATEMENT} And the impact.`, declaration: true }).expect(201);
    });
  });

  describe('races', () => {
    it('gives two approvals at once different status indexes, and two decisions on one application one outcome', async () => {
      const people = [await qualifiedMember(), await qualifiedMember()];
      clock.advance({ hours: 6 });
      const ids = await Promise.all(people.map(async (p) => ((await request(t.http).post(`/api/sets/${world.set.id}/badge/applications`).set(p.auth).send({ statement: STATEMENT, declaration: true }).expect(201)).body as { id: string }).id));
      const approvals = await Promise.all(ids.map((id) => request(t.http).post(`/api/badge-applications/${id}/decision`).set(world.facilitator.auth).send({ decision: 'approve' }).expect(200)));
      const rows = (await t.db.query(`SELECT "statusListId", "statusIndex" FROM "credentials" WHERE "id" = ANY($1)`, [approvals.map((a) => (a.body as { credentialId: string }).credentialId)])) as { statusListId: string; statusIndex: number }[];
      expect(new Set(rows.map((r) => `${r.statusListId}:${r.statusIndex}`)).size).toBe(2);

      const third = await qualifiedMember();
      clock.advance({ hours: 6 });
      const id = ((await request(t.http).post(`/api/sets/${world.set.id}/badge/applications`).set(third.auth).send({ statement: STATEMENT, declaration: true }).expect(201)).body as { id: string }).id;
      const both = await Promise.all([
        request(t.http).post(`/api/badge-applications/${id}/decision`).set(world.facilitator.auth).send({ decision: 'approve' }),
        request(t.http).post(`/api/badge-applications/${id}/decision`).set(world.facilitator.auth).send({ decision: 'return', feedback: 'More, please.' }),
      ]);
      expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(await t.db.query(`SELECT 1 FROM "credentials" WHERE "applicationId" = $1`, [id])).toHaveLength(both.find((r) => r.status === 200)!.body.status === 'approved' ? 1 : 0);
    });

    it('allocates distinct indexes to two transactions racing on two connections, under the list’s row lock', async () => {
      const issuer = t.app.get(IssuerService);
      const key = await issuer.activeKey();
      const { StatusListsService } = await import('@api/badges/status-lists.service');
      const lists = t.app.get(StatusListsService);
      const a = t.db.createQueryRunner();
      const b = t.db.createQueryRunner();
      await a.connect();
      await b.connect();
      try {
        await a.startTransaction();
        await b.startTransaction();
        const first = await lists.allocate(a.manager, key.id);
        // b waits on a's lock, and gets the next index once a commits.
        const second = lists.allocate(b.manager, key.id);
        await new Promise((r) => setTimeout(r, 100));
        await a.commitTransaction();
        const got = await second;
        await b.commitTransaction();
        expect(got.listId).toBe(first.listId);
        expect(got.index).toBe(first.index + 1);
      } finally {
        await a.release();
        await b.release();
      }
    });
  });

  describe('reminders', () => {
    it('reminds the set’s facilitators once when an application has waited more than 14 days', async () => {
      const reminders = t.app.get(BadgeRemindersService);
      // Those of earlier tests first, all waiting long enough on this clock.
      clock.advance({ days: 15 });
      await reminders.sweep();
      const waiting = await qualifiedMember();
      clock.advance({ hours: 6 });
      await request(t.http).post(`/api/sets/${world.set.id}/badge/applications`).set(waiting.auth).send({ statement: STATEMENT, declaration: true }).expect(201);
      clock.advance({ days: 13 });
      expect(await reminders.sweep()).toBe(0);
      clock.advance({ days: 2 });
      expect(await reminders.sweep()).toBe(1);
      expect(await reminders.sweep()).toBe(0);
      await settle();
      const mails = (await parsedMails(t.mailDir)).filter((m) => m.subject.startsWith('A badge application has waited'));
      expect(mails.some((m) => m.to.includes(world.facilitator.email) && m.text.includes(`${waiting.displayName}'s application`))).toBe(true);
      expect(mails.some((m) => m.to.includes(waiting.email) || m.to.includes(world.member.email))).toBe(false);
    });
  });

  describe('the issuer', () => {
    it('serves its profile without sign-in, and rotating its key keeps old credentials verifiable', async () => {
      const profile = (await request(t.http).get('/api/issuer').expect(200)).body as { id: string; type: string[]; name: string };
      expect(profile).toMatchObject({ id: expect.stringMatching(/^did:key:z6Mk/), type: ['Profile'], name: 'Action learning sets' });
      await request(t.http).get('/api/issuer/did.json').expect(404);
      const before = await qualifiedMember(other.setId, other.facilitator);
      clock.advance({ hours: 6 });
      const first = ((await request(t.http).post(`/api/sets/${other.setId}/badge/applications`).set(before.auth).send({ statement: STATEMENT, declaration: true }).expect(201)).body as { id: string }).id;
      const { credentialId: oldId } = (await request(t.http).post(`/api/badge-applications/${first}/decision`).set(other.facilitator.auth).send({ decision: 'approve' }).expect(200)).body as { credentialId: string };

      const newKey = await t.app.get(IssuerService).rotate();
      expect(((await request(t.http).get('/api/issuer').expect(200)).body as { id: string }).id).toBe(`did:key:${newKey}`);
      const after = await qualifiedMember(other.setId, other.facilitator);
      clock.advance({ hours: 6 });
      const second = ((await request(t.http).post(`/api/sets/${other.setId}/badge/applications`).set(after.auth).send({ statement: STATEMENT, declaration: true }).expect(201)).body as { id: string }).id;
      const { credentialId: newId } = (await request(t.http).post(`/api/badge-applications/${second}/decision`).set(other.facilitator.auth).send({ decision: 'approve' }).expect(200)).body as { credentialId: string };

      const oldCredential = jsonOf(await request(t.http).get(`/api/credentials/${oldId}`).expect(200));
      const newCredential = jsonOf(await request(t.http).get(`/api/credentials/${newId}`).expect(200));
      expect((oldCredential.issuer as { id: string }).id).not.toBe((newCredential.issuer as { id: string }).id);
      expect((newCredential.issuer as { id: string }).id).toBe(`did:key:${newKey}`);
      for (const c of [oldCredential, newCredential]) expect(await verifyAsThirdParty(t, c, { now: clock.now() })).toMatchObject({ verified: true, statusResult: { results: [{ status: false }] } });
      // Revoking the old one re-signs its list with the old key: still the same issuer as the credential.
      await request(t.http).post(`/api/credentials/${oldId}/revoke`).set(other.facilitator.auth).send({ reason: 'Test of an old key' }).expect(204);
      expect(await verifyAsThirdParty(t, oldCredential, { now: clock.now() })).toMatchObject({ statusResult: { verified: true, results: [{ status: true }] } });
    });

    it('is a did:web with a served DID document when PUBLIC_URL is https', async () => {
      const web = await startTestApp({ ...LONG_SESSIONS, PUBLIC_URL: 'https://badges.example.org' }, { clock });
      try {
        const profile = (await request(web.http).get('/api/issuer').expect(200)).body as { id: string };
        expect(profile.id).toBe('did:web:badges.example.org:api:issuer');
        const document = (await request(web.http).get('/api/issuer/did.json').expect(200)).body as { id: string; verificationMethod: { id: string; type: string }[]; assertionMethod: string[] };
        expect(document.id).toBe(profile.id);
        expect(document.verificationMethod.length).toBeGreaterThanOrEqual(1);
        expect(document.assertionMethod).toEqual(document.verificationMethod.map((m) => m.id));
        const facilitator = await registerUser(web);
        const setId = (await createSet(web, facilitator)).id;
        await request(web.http).put(`/api/sets/${setId}/badge`).set(facilitator.auth).send({ ...BADGE, criteria: { minMeetings: 0, minWords: 10 } }).expect(200);
        const member = await addMember(web, facilitator, setId);
        const id = ((await request(web.http).post(`/api/sets/${setId}/badge/applications`).set(member.auth).send({ statement: STATEMENT, declaration: true }).expect(201)).body as { id: string }).id;
        const { credentialId } = (await request(web.http).post(`/api/badge-applications/${id}/decision`).set(facilitator.auth).send({ decision: 'approve' }).expect(200)).body as { credentialId: string };
        const credential = jsonOf(await request(web.http).get(`/api/credentials/${credentialId}`).expect(200));
        expect((credential.issuer as { id: string }).id).toBe(profile.id);
        const verified = await verifyAsThirdParty(web, credential, { publicUrl: 'https://badges.example.org', now: clock.now() });
        expect({ verified: verified.verified, error: verified.error?.message }).toEqual({ verified: true, error: undefined });
        expect(verified.statusResult).toMatchObject({ verified: true, results: [{ status: false }] });
      } finally {
        await web.close();
      }
    });
  });

  describe('GET /api/sets/:setId/badge/confidentiality', () => {
    it('gives facilitators counts of possible identifiers in the set’s texts, never the texts', async () => {
      await request(t.http).post(`/api/sets/${world.set.id}/rounds`).set(world.facilitator.auth).send({ title: 'Case with a name', caseText: 'Her son Kacper, DOB 12/05/2016, lives at 4 Mill Lane.', presenterId: world.member.id }).expect(201);
      const counts = (await request(t.http).get(`/api/sets/${world.set.id}/badge/confidentiality`).set(world.facilitator.auth).expect(200)).body as { checked: number; flagged: number; byKind: Record<string, number>; bySource: Record<string, number> };
      expect(counts.flagged).toBeGreaterThanOrEqual(1);
      expect(counts.byKind).toMatchObject({ name: expect.any(Number), 'date-of-birth': expect.any(Number), address: expect.any(Number) });
      expect(counts.bySource.case).toBeGreaterThanOrEqual(1);
      expect(JSON.stringify(counts)).not.toContain('Kacper');
      await request(t.http).get(`/api/sets/${world.set.id}/badge/confidentiality`).set(world.member.auth).expect(403);
      await request(t.http).get(`/api/sets/${world.set.id}/badge/confidentiality`).set(world.sponsor.auth).expect(403);
      await request(t.http).get(`/api/sets/${world.set.id}/badge/confidentiality`).set(world.outsider.auth).expect(404);
    });
  });
});
