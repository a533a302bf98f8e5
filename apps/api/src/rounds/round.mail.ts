import { DateTime } from 'luxon';
import { contributionConfirmation, ROUND_PHASE_ASK, ROUND_PHASE_LABELS, type RoundPhase, type TimedPhase } from '@als/shared';
import { button, escapeHtml, page } from '@api/mail/html';
import type { OutgoingMail } from '@api/mail/mail.service';
import type { MailHeaders } from '@api/mail/outbox-mail.entity';

export interface RoundMailPerson {
  id: string;
  email: string;
  displayName: string;
  timeZone: string;
}

export interface RoundMailContext {
  roundId: string;
  title: string;
  setName: string;
  presenterName: string;
  roundUrl: string;
  mailDomain: string;
}

/** Text quoted in a round e-mail: who wrote it, and what. */
export interface Quoted {
  author: string;
  body: string;
}

/** Every e-mail of a round shares one subject and one thread root, so mail clients keep the round together. */
export function roundSubject(ctx: Pick<RoundMailContext, 'title' | 'setName'>): string {
  return `${ctx.title} (${ctx.setName} round)`;
}

export function threadRoot(ctx: Pick<RoundMailContext, 'roundId' | 'mailDomain'>): string {
  return `<round.${ctx.roundId}@${ctx.mailDomain}>`;
}

export function threadHeaders(ctx: RoundMailContext, messageKey: string, replyTo?: string, inReplyTo?: string): MailHeaders {
  const root = threadRoot(ctx);
  return {
    messageId: `<round.${ctx.roundId}.${messageKey}@${ctx.mailDomain}>`,
    inReplyTo: inReplyTo ?? root,
    references: inReplyTo && inReplyTo !== root ? [root, inReplyTo] : [root],
    ...(replyTo ? { replyTo } : {}),
  };
}

export function deadlineText(endsAt: Date, zone: string): string {
  return DateTime.fromJSDate(endsAt, { zone }).toFormat("cccc d LLLL 'at' HH:mm") + ` (${zone.replace(/_/g, ' ')})`;
}

const quoteText = (items: Quoted[]) => items.map((q) => `  ${q.author}:\n${q.body.split('\n').map((l) => `    ${l}`).join('\n')}`).join('\n\n');
const quoteHtml = (items: Quoted[]) => items.map((q) => `<blockquote style="margin:.5rem 0;padding:.25rem .75rem;border-left:4px solid #b8c0c8"><strong>${escapeHtml(q.author)}</strong><br>${escapeHtml(q.body).replace(/\n/g, '<br>')}</blockquote>`).join('');

/**
 * A phase opened: what is needed from this person, with what they need to read to give it, and
 * the deadline in their own time zone. Replying to the e-mail is contributing.
 */
export function phaseMail(input: {
  to: RoundMailPerson;
  ctx: RoundMailContext;
  phase: TimedPhase;
  isPresenter: boolean;
  endsAt: Date;
  replyAddress: string;
  sections: { heading: string; items: Quoted[] }[];
}): OutgoingMail {
  const { to, ctx, phase, isPresenter } = input;
  const ask = ROUND_PHASE_ASK[phase][isPresenter ? 'presenter' : 'members'];
  const deadline = deadlineText(input.endsAt, to.timeZone);
  const lead = `${ROUND_PHASE_LABELS[phase]} in the round "${ctx.title}" of ${ctx.setName}, until ${deadline}.`;
  const replyLine = 'Reply to this e-mail to add yours: your reply, without the quoted text, goes into the round under your name.';
  const text = [`Hello ${to.displayName},`, '', lead, '', ask, replyLine, '', ...input.sections.flatMap((s) => [`${s.heading}:`, quoteText(s.items), '']), `The round on the web: ${ctx.roundUrl}`].join('\n');
  const html = page([
    `<p>Hello ${escapeHtml(to.displayName)},</p>`,
    `<p><strong>${escapeHtml(lead)}</strong></p>`,
    `<p>${escapeHtml(ask)} ${escapeHtml(replyLine)}</p>`,
    ...input.sections.map((s) => `<h3 style="margin-bottom:.25rem">${escapeHtml(s.heading)}</h3>${quoteHtml(s.items)}`),
    `<p>${button(ctx.roundUrl, 'Open the round')}</p>`,
  ]);
  return { to: to.email, subject: roundSubject(ctx), text, html, headers: threadHeaders(ctx, `${phase}.${to.id}`, input.replyAddress) };
}

/** The day before a deadline, to those who still owe a contribution only. */
export function nudgeMail(input: { to: RoundMailPerson; ctx: RoundMailContext; phase: TimedPhase; isPresenter: boolean; endsAt: Date; replyAddress: string; epoch: number }): OutgoingMail {
  const { to, ctx, phase } = input;
  const deadline = deadlineText(input.endsAt, to.timeZone);
  const ask = ROUND_PHASE_ASK[phase][input.isPresenter ? 'presenter' : 'members'];
  const text = `Hello ${to.displayName},

${ROUND_PHASE_LABELS[phase]} in "${ctx.title}" closes on ${deadline}, and the set has not heard from you yet.
${ask} Reply to this e-mail, or write on the round's page:
${ctx.roundUrl}`;
  const html = page([
    `<p>Hello ${escapeHtml(to.displayName)},</p>`,
    `<p>${escapeHtml(ROUND_PHASE_LABELS[phase])} in "${escapeHtml(ctx.title)}" closes on <strong>${escapeHtml(deadline)}</strong>, and the set has not heard from you yet.</p>`,
    `<p>${escapeHtml(ask)} Reply to this e-mail, or write on the round's page.</p>`,
    `<p>${button(ctx.roundUrl, 'Open the round')}</p>`,
  ]);
  return { to: to.email, subject: roundSubject(ctx), text, html, headers: threadHeaders(ctx, `nudge.${phase}.${input.epoch}.${to.id}`, input.replyAddress) };
}

/** The round closed: the presenter's actions, and thanks. */
export function closedMail(input: { to: RoundMailPerson; ctx: RoundMailContext; actions: string[] }): OutgoingMail {
  const { to, ctx } = input;
  const actions = input.actions.length ? input.actions : [];
  const summary = actions.length ? `${ctx.presenterName} committed to:\n${actions.map((a) => `  - ${a}`).join('\n')}` : `${ctx.presenterName} did not record actions this time.`;
  const text = `Hello ${to.displayName},

The round "${ctx.title}" of ${ctx.setName} is closed. Thank you for taking part.

${summary}

Everything that was written stays on the round's page for the set: ${ctx.roundUrl}`;
  const html = page([
    `<p>Hello ${escapeHtml(to.displayName)},</p>`,
    `<p>The round "${escapeHtml(ctx.title)}" of ${escapeHtml(ctx.setName)} is closed. Thank you for taking part.</p>`,
    actions.length ? `<p>${escapeHtml(ctx.presenterName)} committed to:</p><ul>${actions.map((a) => `<li>${escapeHtml(a)}</li>`).join('')}</ul>` : `<p>${escapeHtml(summary)}</p>`,
    `<p>${button(ctx.roundUrl, 'Open the round')}</p>`,
  ]);
  return { to: to.email, subject: roundSubject(ctx), text, html, headers: threadHeaders(ctx, `closed.${to.id}`) };
}

/** A reply by e-mail was stored: a short confirmation in the same thread. */
export function receivedMail(input: { to: RoundMailPerson; ctx: RoundMailContext; phase: RoundPhase; contributionId: string; inReplyTo: string; hint: string | null; byPresenter: boolean }): OutgoingMail {
  const { to, ctx } = input;
  const line = contributionConfirmation(input.phase, { presenterName: ctx.presenterName, byPresenter: input.byPresenter, title: ctx.title });
  const text = `${line}${input.hint ? `\n\nA thought on your question: ${input.hint}` : ''}\n\nThe round: ${ctx.roundUrl}`;
  const html = page([`<p>${escapeHtml(line)}</p>`, input.hint ? `<p>A thought on your question: ${escapeHtml(input.hint)}</p>` : '', `<p><a href="${escapeHtml(ctx.roundUrl)}">Open the round</a></p>`]);
  return { to: to.email, subject: `Re: ${roundSubject(ctx)}`, text, html, headers: threadHeaders(ctx, `received.${input.contributionId}`, undefined, input.inReplyTo) };
}

/** A message to a reply address that could not be used: why, and what to do instead. Nothing was stored. */
export function bounceMail(input: { to: string; subject: string; reason: string; inReplyTo: string | null; publicUrl: string; mailDomain: string; messageKey: string }): OutgoingMail {
  const text = `Hello,

Your e-mail "${input.subject}" could not be added: ${input.reason}

Nothing from it was stored. You can write on the web instead: ${input.publicUrl}`;
  const html = page([`<p>Hello,</p>`, `<p>Your e-mail "${escapeHtml(input.subject)}" could not be added: ${escapeHtml(input.reason)}</p>`, `<p>Nothing from it was stored. You can write on the web instead: <a href="${escapeHtml(input.publicUrl)}">${escapeHtml(input.publicUrl)}</a></p>`]);
  return {
    to: input.to,
    subject: `Not delivered: ${input.subject}`,
    text,
    html,
    headers: { messageId: `<bounce.${input.messageKey}@${input.mailDomain}>`, ...(input.inReplyTo ? { inReplyTo: input.inReplyTo, references: [input.inReplyTo] } : {}) },
  };
}

/** One e-mail a day for people who chose a digest: each round where something opened, what is needed, by when. */
export function digestMail(input: { to: RoundMailPerson; items: { ctx: RoundMailContext; phase: RoundPhase; ask: string; endsAt: Date | null }[]; day: string }): OutgoingMail {
  const { to } = input;
  const lines = input.items.map((i) => `- ${i.ctx.title} (${i.ctx.setName}): ${ROUND_PHASE_LABELS[i.phase]}${i.endsAt ? ` until ${deadlineText(i.endsAt, to.timeZone)}` : ''}. ${i.ask}\n  ${i.ctx.roundUrl}`);
  const text = `Hello ${to.displayName},\n\nYour rounds today:\n\n${lines.join('\n\n')}\n\nYou get one e-mail a day because you chose a daily digest; change it on your account page.`;
  const html = page([
    `<p>Hello ${escapeHtml(to.displayName)},</p>`,
    `<p>Your rounds today:</p>`,
    `<ul>${input.items.map((i) => `<li><a href="${escapeHtml(i.ctx.roundUrl)}">${escapeHtml(i.ctx.title)}</a> (${escapeHtml(i.ctx.setName)}): <strong>${escapeHtml(ROUND_PHASE_LABELS[i.phase])}</strong>${i.endsAt ? ` until ${escapeHtml(deadlineText(i.endsAt, to.timeZone))}` : ''}. ${escapeHtml(i.ask)}</li>`).join('')}</ul>`,
    `<p style="color:#555;font-size:.9em">You get one e-mail a day because you chose a daily digest; change it on your account page.</p>`,
  ]);
  return { to: to.email, subject: `Your rounds, ${input.day}`, text, html };
}
