import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { createTransport, type Transporter } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import type { ActionResponse, RoundDetailResponse } from '@als/shared';
import { inboundSignature } from '@api/inbound/inbound.controller';
import { TestClock } from '@api/common/clock';
import { OutboxService } from '@api/mail/outbox.service';
import { RoundDeadlinesJob } from '@api/rounds/round-deadlines.job';
import { RoundsService } from '@api/rounds/rounds.service';
import { LONG_SESSIONS, request, startTestApp, TestApp } from './app';
import { addMember, createSet, registerUser, TestUser } from './factories';
import { freePort } from './mail';

const SECRET = 'inbound-hook-secret-0123456789abcdefghij';

/** A reply as a mail client would send it: our fixture with its addresses and thread filled in. */
function reply(fixture: string, fields: { from: string; to: string; messageId: string; inReplyTo?: string }): string {
  const raw = readFileSync(join(__dirname, '../src/inbound/fixtures', `${fixture}.eml`), 'utf8');
  return raw
    .replace(/^From: .*$/m, `From: ${fields.from}`)
    .replace(/^To: .*$/m, `To: ${fields.to}`)
    .replace(/^Message-I[Dd]: .*$/m, `Message-ID: ${fields.messageId}`)
    .replace(/^In-Reply-To: .*$/m, `In-Reply-To: ${fields.inReplyTo ?? '<none@x>'}`);
}

function plain(fields: { from: string; to: string; messageId: string; subject?: string; headers?: string }, body: string): string {
  return `From: ${fields.from}\r\nTo: ${fields.to}\r\nSubject: ${fields.subject ?? 'Re: round'}\r\nMessage-ID: ${fields.messageId}\r\n${fields.headers ?? ''}MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}\r\n`;
}

describe('a round worked by e-mail: outbound through SMTP, replies into the built-in receiver', () => {
  const clock = new TestClock();
  let t: TestApp;
  let sink: SMTPServer;
  const sent: ParsedMail[] = [];
  let inbound: Transporter;
  let fran: TestUser;
  let pat: TestUser;
  let sam: TestUser;
  let leaver: TestUser;
  let setId: string;
  let roundId: string;
  let serial = 0;
  const flush = () => t.app.get(OutboxService).drain();
  const to = (who: TestUser) => sent.filter((m) => (m.to && !Array.isArray(m.to) ? m.to.value[0].address : '') === who.email);
  const latestTo = (who: TestUser, contains: string) => [...to(who)].reverse().find((m) => (m.text ?? '').includes(contains));
  const send = (from: TestUser | string, replyTo: string, raw: string) => {
    // Replies arrive one after the other (the API's clock stands still otherwise).
    clock.advance({ seconds: 1 });
    return inbound.sendMail({ envelope: { from: typeof from === 'string' ? from : from.email, to: [replyTo] }, raw });
  };
  const answer = async (who: TestUser, phaseText: string, fixture: string, body?: string) => {
    const mail = latestTo(who, phaseText);
    if (!mail) throw new Error(`no "${phaseText}" mail to ${who.email}`);
    const address = mail.replyTo!.value[0].address!;
    const messageId = `<reply-${++serial}@client.example>`;
    const raw = body === undefined ? reply(fixture, { from: `${who.displayName} <${who.email}>`, to: address, messageId, inReplyTo: mail.messageId }) : plain({ from: who.email, to: address, messageId, headers: `In-Reply-To: ${mail.messageId}\r\n` }, body);
    await send(who, address, raw);
    return { address, messageId, raw };
  };
  const round = async () => (await request(t.http).get(`/api/rounds/${roundId}`).set(fran.auth).expect(200)).body as RoundDetailResponse;

  beforeAll(async () => {
    sink = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onData: (stream, _session, callback) => {
        simpleParser(stream).then((mail) => {
          sent.push(mail);
          callback();
        }, callback);
      },
    });
    const sinkPort = await freePort();
    await new Promise<void>((resolve) => sink.listen(sinkPort, '127.0.0.1', resolve));
    const inboundPort = await freePort();
    t = await startTestApp({ ...LONG_SESSIONS, SMTP_URL: `smtp://127.0.0.1:${sinkPort}`, INBOUND_SMTP_PORT: String(inboundPort), INBOUND_EMAIL_SECRET: SECRET }, { clock });
    inbound = createTransport({ host: '127.0.0.1', port: inboundPort, secure: false, ignoreTLS: true });
    fran = await registerUser(t, { displayName: 'Fran' });
    setId = (await createSet(t, fran, { name: 'Mail set' })).id;
    pat = await addMember(t, fran, setId);
    sam = await addMember(t, fran, setId);
    leaver = await addMember(t, fran, setId);
  });
  afterAll(async () => {
    inbound?.close();
    await t?.close();
    await new Promise<void>((resolve) => sink.close(() => resolve()));
  });

  it('runs every phase from the inbox, attributing each reply to its author, in one thread', async () => {
    roundId = ((await request(t.http).post(`/api/sets/${setId}/rounds`).set(pat.auth).send({ title: 'Working late', caseText: 'I never leave on time and my family notices.' }).expect(201)).body as RoundDetailResponse).id;
    await request(t.http).delete(`/api/sets/${setId}/members/${leaver.id}`).set(leaver.auth).expect(204);
    await flush();
    // Clarifying questions, from Gmail and Outlook (Fran writes from upper-case Outlook: the same address).
    await answer(sam, 'Clarifying questions in the round', 'gmail');
    const outlook = reply('outlook', { from: `Fran <${fran.email.toUpperCase()}>`, to: latestTo(fran, 'Clarifying questions in the round')!.replyTo!.value[0].address!, messageId: '<outlook-1@client.example>' });
    await send(fran, latestTo(fran, 'Clarifying questions in the round')!.replyTo!.value[0].address!, outlook);
    expect((await round()).phase).toBe('answers');
    await flush();
    // Pat answers from Apple Mail.
    const toPat = latestTo(pat, 'Answers in the round')!;
    expect(toPat.text).toContain('What time do you usually start, and who sees you leave?');
    expect(toPat.text).toContain('What would be different if you left on time?');
    await answer(pat, 'Answers in the round', 'apple');
    expect((await round()).phase).toBe('questions');
    await flush();
    await answer(sam, 'Open questions in the round', 'mobile');
    await answer(fran, 'Open questions in the round', 'outlook-html');
    expect((await round()).phase).toBe('reflection');
    await flush();
    await answer(pat, 'Reflection in the round', '', 'I see that I stay to feel useful.\n\nOn Tue, 24 Nov 2026 at 09:12, Action Learning wrote:\n> the questions');
    await flush();
    await answer(pat, 'Actions and close in the round', '', '1. Leave at 17:30 on Tuesdays\n2. Tell my manager\n\nSent from my iPhone');
    // A sign-off under the reply is not kept (issue 18).
    await answer(sam, 'Actions and close in the round', '', 'Good luck, Pat.\n\nThanks,\nSam\n\nSent from my iPhone');
    const live = await round();
    expect(live.phase).toBe('actions');
    clock.set(new Date(Date.parse(live.phases.find((p) => p.name === 'actions')!.endsAt) + 1000));
    await t.app.get(RoundDeadlinesJob).sweep();
    await flush();

    const done = await round();
    expect(done.phase).toBe('closed');
    expect(done.contributions.map((c) => [c.phase, c.authorId, c.via, c.body])).toEqual([
      ['clarifying', sam.id, 'email', 'What time do you usually start, and who sees you leave?'],
      ['clarifying', fran.id, 'email', 'What would be different if you left on time?'],
      ['answers', pat.id, 'email', 'Who decides what “on time” means in your team?'],
      ['questions', sam.id, 'email', 'What happens at home when you are late?'],
      ['questions', fran.id, 'email', 'How do you feel at 5pm on a Friday?'],
      ['reflection', pat.id, 'email', 'I see that I stay to feel useful.'],
      ['actions', pat.id, 'email', '1. Leave at 17:30 on Tuesdays\n2. Tell my manager'],
      ['actions', sam.id, 'email', 'Good luck, Pat.'],
    ]);
    const actions = (await request(t.http).get(`/api/sets/${setId}/actions`).set(pat.auth).expect(200)).body as ActionResponse[];
    expect(actions.map((a) => a.text)).toEqual(['Leave at 17:30 on Tuesdays', 'Tell my manager']);
    expect(latestTo(sam, 'is closed')!.text).toContain('Leave at 17:30 on Tuesdays');

    // One thread: the same subject, every message referring to the round's root, each with its own Message-ID.
    const roundMails = sent.filter((m) => (m.subject ?? '').replace(/^Re: /, '') === 'Working late (Mail set round)');
    expect(roundMails.length).toBeGreaterThanOrEqual(12);
    for (const m of roundMails) expect(m.references).toContain(`<round.${roundId}@mail.app.test>`);
    expect(new Set(roundMails.map((m) => m.messageId)).size).toBe(roundMails.length);
    // Each stored reply is confirmed in its own thread, to its author only.
    const confirmation = to(sam).find((m) => m.subject === 'Re: Working late (Mail set round)' && m.inReplyTo === '<reply-1@client.example>');
    expect(confirmation?.text).toContain(`Thank you: your question to ${pat.displayName} is in the round “Working late”. ${pat.displayName} answers the clarifying questions next.`);
    expect(confirmation?.text).not.toContain('contribution');
    // The member who left got the first e-mail, and nothing after leaving.
    expect(to(leaver).filter((m) => (m.subject ?? '').includes('Working late'))).toHaveLength(1);
  });

  describe('what cannot be used is refused with a reason and stores nothing', () => {
    let open: RoundDetailResponse;
    let samAddress: string;
    const count = async () => ((await t.db.query(`SELECT count(*)::int AS n FROM "round_contributions" WHERE "roundId" = $1`, [open.id])) as { n: number }[])[0].n;
    beforeAll(async () => {
      open = (await request(t.http).post(`/api/sets/${setId}/rounds`).set(pat.auth).send({ title: 'Second case', caseText: 'A case.' }).expect(201)).body as RoundDetailResponse;
      await flush();
      samAddress = latestTo(sam, 'Second case')!.replyTo!.value[0].address!;
    });

    it('refuses unknown and altered addresses at RCPT TO', async () => {
      const forged = samAddress.replace(/(.)@/, (_m, c: string) => `${c === 'a' ? 'b' : 'a'}@`);
      for (const address of [forged, 'reply+nothing@mail.app.test', 'someone@mail.app.test', samAddress.replace('mail.app.test', 'elsewhere.test')]) {
        await expect(send(sam, address, plain({ from: sam.email, to: address, messageId: `<f-${++serial}@x>` }, 'A question?'))).rejects.toMatchObject({ responseCode: 550 });
      }
      expect(await count()).toBe(0);
    });

    it('refuses a reply from another sender, from someone who left, to a closed round, with attachments, or too big', async () => {
      const cases: [string, string, RegExp][] = [
        [samAddress, plain({ from: 'impostor@example.org', to: samAddress, messageId: `<i-${++serial}@x>` }, 'A question?'), /other than the one this reply address belongs to/],
        [samAddress, `From: ${sam.email}\r\nTo: ${samAddress}\r\nSubject: Re\r\nMessage-ID: <att-${++serial}@x>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=case.pdf\r\n\r\nJVBERi0=\r\n--b--\r\n`, /attachments/],
        [samAddress, plain({ from: sam.email, to: samAddress, messageId: `<q-${++serial}@x>` }, 'On Tue, 24 Nov 2026 at 09:12, A <a@b.c> wrote:\n> only the quote'), /any text of yours/],
        [samAddress, `this is not a mail\r\n\r\n`, /no sender address/],
      ];
      for (const [address, raw, reason] of cases) {
        const error = (await send(sam, address, raw).then(() => null, (e: { responseCode: number; response: string }) => e))!;
        expect(error).toMatchObject({ responseCode: 550 });
        expect(error.response).toMatch(reason);
      }
      await expect(send(sam, samAddress, plain({ from: sam.email, to: samAddress, messageId: `<big-${++serial}@x>` }, 'x'.repeat(1_100_000)))).rejects.toMatchObject({ responseCode: 552 });
      expect(await count()).toBe(0);
      const leaverAddress = latestTo(leaver, 'Working late')!.replyTo!.value[0].address!;
      const gone = await send(leaver, leaverAddress, plain({ from: leaver.email, to: leaverAddress, messageId: `<l-${++serial}@x>` }, 'Still here?')).then(() => null, (e: { response: string }) => e);
      expect(gone?.response).toMatch(/no longer a member|closed/);
    });

    it('stores the same Message-ID once, and ignores automatic replies', async () => {
      const raw = plain({ from: sam.email, to: samAddress, messageId: '<twice@client.example>' }, 'What would help most?');
      await send(sam, samAddress, raw);
      await send(sam, samAddress, raw);
      expect(await count()).toBe(1);
      for (const headers of ['Auto-Submitted: auto-replied\r\n', 'X-Autoreply: yes\r\n', 'Precedence: bulk\r\n']) {
        await send(sam, samAddress, plain({ from: sam.email, to: samAddress, messageId: `<ooo-${++serial}@x>`, headers }, 'I am out of the office until Monday.'));
      }
      await send(sam, samAddress, plain({ from: sam.email, to: samAddress, messageId: `<ooo-${++serial}@x>`, subject: 'Automatic reply: Second case' }, 'I am away.'));
      expect(await count()).toBe(1);
      const outcomes = (await t.db.query(`SELECT "outcome", count(*)::int AS n FROM "inbound_messages" WHERE "messageId" LIKE '<ooo-%' GROUP BY "outcome"`)) as { outcome: string; n: number }[];
      expect(outcomes).toEqual([{ outcome: 'ignored', n: 4 }]);
    });

    it('refuses a reply that can never be stored (a NUL or other control character in its text) with a permanent 5xx and the reason, never a 4xx', async () => {
      const before = await count();
      const bodies = [
        plain({ from: sam.email, to: samAddress, messageId: `<nul-${++serial}@x>` }, 'What would help?\u0000 And then?'),
        // The same, as a mail client encodes it: quoted-printable =00, and a bell in base64.
        `From: ${sam.email}\r\nTo: ${samAddress}\r\nSubject: Re\r\nMessage-ID: <qp-${++serial}@x>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nWhat would help?=00 And then?\r\n`,
        `From: ${sam.email}\r\nTo: ${samAddress}\r\nSubject: Re\r\nMessage-ID: <b64-${++serial}@x>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from('What would help?\u0007').toString('base64')}\r\n`,
      ];
      for (const raw of bodies) {
        const error = (await send(sam, samAddress, raw).then(() => null, (e: { responseCode: number; response: string }) => e))!;
        expect(error).toMatchObject({ responseCode: 550 });
        expect(error.response).toMatch(/control characters/);
      }
      expect(await count()).toBe(before);
    });

    it('answers a failure that may pass (the database unreachable) with 451, and any other failure with a permanent 5xx', async () => {
      const before = await count();
      const rounds = t.app.get(RoundsService);
      const down = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
      const bug = new TypeError("Cannot read properties of undefined (reading 'id')");
      // Replies are stored set-wise (contributeAll); one that fails for good there goes again one by one (contribute), where this one fails too.
      const spy = jest.spyOn(rounds, 'contributeAll').mockRejectedValueOnce(down).mockRejectedValueOnce(bug);
      const alone = jest.spyOn(rounds, 'contribute').mockRejectedValueOnce(bug);
      try {
        const temporary = (await send(sam, samAddress, plain({ from: sam.email, to: samAddress, messageId: `<down-${++serial}@x>` }, 'Is the database up?')).then(() => null, (e: { responseCode: number }) => e))!;
        expect(temporary).toMatchObject({ responseCode: 451 });
        const permanent = (await send(sam, samAddress, plain({ from: sam.email, to: samAddress, messageId: `<bug-${++serial}@x>` }, 'And now?')).then(() => null, (e: { responseCode: number; response: string }) => e))!;
        expect(permanent.responseCode).toBeGreaterThanOrEqual(550);
        expect(permanent.responseCode).toBeLessThan(560);
        expect(permanent.response).toMatch(/could not be processed/);
        expect(alone).toHaveBeenCalledTimes(1);
      } finally {
        spy.mockRestore();
        alone.mockRestore();
      }
      expect(await count()).toBe(before);
    });

    it('answers the provider hook for a reply with a NUL with a bounce, not an error', async () => {
      const before = await count();
      const raw = Buffer.from(plain({ from: sam.email, to: samAddress, messageId: `<hook-nul-${++serial}@x>`, subject: 'Re: \u0000' }, 'A question?\u0000'));
      const response = await request(t.http).post('/api/inbound/email').set('content-type', 'message/rfc822').set('x-inbound-signature', inboundSignature(SECRET, raw)).send(raw).expect(200);
      expect(response.body).toEqual({ outcome: 'bounced', reason: expect.stringMatching(/control characters/) });
      expect(await count()).toBe(before);
      await flush();
    });

    it('takes a provider hook POST with a valid signature, and bounces by e-mail what it cannot use', async () => {
      const raw = Buffer.from(plain({ from: sam.email, to: samAddress, messageId: '<hook-1@provider.example>' }, 'What matters most to you here?'));
      await request(t.http).post('/api/inbound/email').set('content-type', 'message/rfc822').send(raw).expect(401);
      await request(t.http).post('/api/inbound/email').set('content-type', 'message/rfc822').set('x-inbound-signature', inboundSignature('wrong-secret-0123456789abcdefghijklmn', raw)).send(raw).expect(401);
      const stored = await request(t.http).post('/api/inbound/email').set('content-type', 'message/rfc822').set('x-inbound-signature', inboundSignature(SECRET, raw)).send(raw).expect(200);
      expect(stored.body).toEqual({ outcome: 'stored' });
      const again = await request(t.http).post('/api/inbound/email').set('content-type', 'message/rfc822').set('x-inbound-signature', inboundSignature(SECRET, raw)).send(raw).expect(200);
      expect(again.body.outcome).toBe('duplicate');
      expect(await count()).toBe(2);

      const forged = Buffer.from(plain({ from: 'stranger@example.org', to: samAddress, messageId: '<hook-2@provider.example>', subject: 'Hello' }, 'Let me in'));
      const bounced = await request(t.http).post('/api/inbound/email').set('content-type', 'message/rfc822').set('x-inbound-signature', inboundSignature(SECRET, forged)).send(forged).expect(200);
      expect(bounced.body.outcome).toBe('bounced');
      await flush();
      const notice = sent.find((m) => m.subject === 'Not delivered: Hello');
      expect(notice?.text).toContain('could not be added');
      expect(notice?.text).toContain('Nothing from it was stored');
      expect(await count()).toBe(2);
    });
  });
});
