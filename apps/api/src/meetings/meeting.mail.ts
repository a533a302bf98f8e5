import { DateTime } from 'luxon';
import { dialInText, type AttendanceStatus, type QuorumStatus } from '@als/shared';
import { button, escapeHtml, page } from '@api/mail/html';
import type { MailCalendar, OutgoingMail } from '@api/mail/mail.service';
import type { SetEntity } from '@api/sets/set.entity';
import type { MeetingEntity } from './meeting.entity';

export interface MailRecipient {
  email: string;
  displayName: string;
  timeZone: string;
}

/** "Tuesday 2 February 2027, 09:30–13:00 GMT", in the reader's zone, with the meeting's own time noted when it differs. */
export function describeWhen(meeting: Pick<MeetingEntity, 'startsAt' | 'endsAt' | 'timeZone'>, readerZone: string): string {
  const format = (zone: string) => {
    const start = DateTime.fromJSDate(meeting.startsAt, { zone });
    const end = DateTime.fromJSDate(meeting.endsAt, { zone });
    const endText = start.hasSame(end, 'day') ? end.toFormat('HH:mm') : end.toFormat('cccc d LLLL HH:mm');
    return `${start.toFormat('cccc d LLLL yyyy, HH:mm')}–${endText} ${start.offsetNameShort ?? zone}`;
  };
  const own = format(readerZone);
  const theirs = format(meeting.timeZone);
  return own === theirs ? own : `${own} (${theirs} in ${meeting.timeZone}, the meeting's time)`;
}

function describePlace(meeting: Pick<MeetingEntity, 'format' | 'location' | 'videoUrl' | 'dialInNumbers' | 'dialInPasscode'>): string {
  const dialIn = dialInText(meeting);
  const place =
    meeting.format === 'online'
      ? meeting.videoUrl ? `Online, at ${meeting.videoUrl}` : 'Online (the link will follow)'
      : meeting.location ? `In person: ${meeting.location}` : 'In person (the venue will follow)';
  return dialIn ? `${place}. ${dialIn}` : place;
}

export interface ReplyLinks {
  attending: string;
  apology: string;
}

function replyParts(links: ReplyLinks | undefined, current: AttendanceStatus | null): { text: string; html: string } {
  if (!links) return { text: '', html: '' };
  const now = current === 'attending' ? 'You have said you are coming. ' : current === 'apology' ? 'You have sent an apology. ' : '';
  return {
    text: `\n\n${now}Reply with one click (no need to sign in):\n  I'll be there: ${links.attending}\n  Send an apology: ${links.apology}`,
    html: `<p>${escapeHtml(now)}Reply with one click, no need to sign in:</p><p>${button(links.attending, "I'll be there")}${button(links.apology, 'Send an apology', '#6b2d0b')}</p>`,
  };
}

export type Announcement = 'scheduled' | 'changed' | 'cancelled';

/** A meeting (or a series) scheduled, changed or cancelled: the calendar comes with it as REQUEST or CANCEL. */
export function announcementMail(input: {
  kind: Announcement;
  to: MailRecipient;
  set: SetEntity;
  meeting: MeetingEntity;
  /** For a series: how many occurrences, and the rule in words. */
  seriesNote?: string;
  calendar: MailCalendar;
  links?: ReplyLinks;
  current?: AttendanceStatus | null;
  meetingUrl: string;
}): OutgoingMail {
  const { kind, to, set, meeting, calendar, links, meetingUrl } = input;
  const when = describeWhen(meeting, to.timeZone);
  const place = describePlace(meeting);
  const subject = {
    scheduled: `${input.seriesNote ? 'Meetings scheduled' : 'Meeting scheduled'}: ${set.name}, ${DateTime.fromJSDate(meeting.startsAt, { zone: to.timeZone }).toFormat('d LLL yyyy')}`,
    changed: `Meeting changed: ${set.name}, now ${DateTime.fromJSDate(meeting.startsAt, { zone: to.timeZone }).toFormat('d LLL yyyy HH:mm')}`,
    cancelled: `Meeting cancelled: ${set.name}, ${DateTime.fromJSDate(meeting.startsAt, { zone: to.timeZone }).toFormat('d LLL yyyy')}`,
  }[kind];
  const lead = {
    scheduled: input.seriesNote ? `The set "${set.name}" will meet ${input.seriesNote}. The next meeting:` : `The set "${set.name}" will meet:`,
    changed: `A meeting of the set "${set.name}" has changed. It is now:`,
    cancelled: `A meeting of the set "${set.name}" is cancelled:`,
  }[kind];
  const calendarNote = kind === 'cancelled' ? 'The attached calendar file removes it from your calendar.' : 'The attached calendar file adds it to your calendar (or updates it there).';
  const reply = kind === 'cancelled' ? { text: '', html: '' } : replyParts(links, input.current ?? null);
  const text = `Hello ${to.displayName},

${lead}
  ${when}
  ${place}${reply.text}

${calendarNote}
The meeting's page: ${meetingUrl}`;
  const html = page([
    `<p>Hello ${escapeHtml(to.displayName)},</p>`,
    `<p>${escapeHtml(lead)}<br><strong>${escapeHtml(when)}</strong><br>${escapeHtml(place)}</p>`,
    reply.html,
    `<p style="color:#555">${escapeHtml(calendarNote)} <a href="${escapeHtml(meetingUrl)}">Open the meeting's page</a>.</p>`,
  ]);
  return { to: to.email, subject, text, html, calendar };
}

/** The reminder 7 days or 1 day before. */
export function reminderMail(input: { to: MailRecipient; set: SetEntity; meeting: MeetingEntity; links: ReplyLinks; current: AttendanceStatus | null; meetingUrl: string; remindersOffUrl: string; noticeHours: number; now: Date; openActions: string[] }): OutgoingMail {
  const { to, set, meeting, links, meetingUrl, remindersOffUrl } = input;
  const start = DateTime.fromJSDate(meeting.startsAt, { zone: to.timeZone });
  const today = DateTime.fromJSDate(input.now, { zone: to.timeZone }).startOf('day');
  const days = Math.round(start.startOf('day').diff(today, 'days').days);
  const soon = days <= 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`;
  const when = describeWhen(meeting, to.timeZone);
  const place = describePlace(meeting);
  const reply = replyParts(links, input.current);
  const notice = input.noticeHours > 0 ? `The set asks for ${input.noticeHours} hours' notice of an apology.` : '';
  const actions = input.openActions.length
    ? { text: `At check-in you report back on your open actions:\n${input.openActions.map((a) => `  - ${a}`).join('\n')}`, html: `<p>At check-in you report back on your open actions:</p><ul>${input.openActions.map((a) => `<li>${escapeHtml(a)}</li>`).join('')}</ul>` }
    : { text: 'Bring your report-back on the actions you committed to last time.', html: '<p>Bring your report-back on the actions you committed to last time.</p>' };
  const text = `Hello ${to.displayName},

The set "${set.name}" meets ${soon}:
  ${when}
  ${place}${reply.text}

${notice}
${actions.text}
The meeting's page: ${meetingUrl}

You get these reminders 7 days and 1 day before each meeting. Turn them off: ${remindersOffUrl}`;
  const html = page([
    `<p>Hello ${escapeHtml(to.displayName)},</p>`,
    `<p>The set "${escapeHtml(set.name)}" meets ${soon}:<br><strong>${escapeHtml(when)}</strong><br>${escapeHtml(place)}</p>`,
    reply.html,
    `<p>${escapeHtml(notice)} <a href="${escapeHtml(meetingUrl)}">Open the meeting's page</a>.</p>`,
    actions.html,
    `<p style="color:#555;font-size:.9em">You get these reminders 7 days and 1 day before each meeting. <a href="${escapeHtml(remindersOffUrl)}">Turn them off</a>.</p>`,
  ]);
  return { to: to.email, subject: `Reminder: ${set.name} meets ${soon}, ${start.toFormat('cccc d LLLL HH:mm')}`, text, html };
}

/** To facilitators: fewer people are expected than the set's quorum. */
export function quorumMail(input: { to: MailRecipient; set: SetEntity; meeting: MeetingEntity; quorum: QuorumStatus; apologies: string[]; meetingUrl: string }): OutgoingMail {
  const { to, set, meeting, quorum, meetingUrl } = input;
  const when = describeWhen(meeting, to.timeZone);
  const who = input.apologies.length ? `Apologies from: ${input.apologies.join(', ')}.` : '';
  const lead = `Only ${quorum.expected} of the set's participants can come to the meeting of "${set.name}" on ${when}; the set's quorum is ${quorum.required}.`;
  const text = `Hello ${to.displayName},

${lead}
${who}

The set agreed that a meeting below quorum is postponed. You can move the meeting to a new date on its page, which tells everyone and updates their calendars:
${meetingUrl}`;
  const html = page([
    `<p>Hello ${escapeHtml(to.displayName)},</p>`,
    `<p>${escapeHtml(lead)}</p>`,
    who ? `<p>${escapeHtml(who)}</p>` : '',
    `<p>The set agreed that a meeting below quorum is postponed. Moving it to a new date on its page tells everyone and updates their calendars.</p>`,
    `<p>${button(meetingUrl, 'Open the meeting to postpone it')}</p>`,
  ]);
  return { to: to.email, subject: `Quorum at risk: ${set.name}, ${DateTime.fromJSDate(meeting.startsAt, { zone: to.timeZone }).toFormat('d LLL yyyy')}`, text, html };
}

/**
 * Before a meeting: how did each of your open actions go? Answered on the web page the link opens
 * (no sign-in needed), or by replying with one line per action.
 */
export function reportBackMail(input: { to: MailRecipient; set: SetEntity; meeting: MeetingEntity; actions: { text: string; dueAt: string | null }[]; reportUrl: string; replyTo: string }): OutgoingMail {
  const { to, set, meeting, reportUrl } = input;
  const when = describeWhen(meeting, to.timeZone);
  const due = (day: string | null) => (day ? ` (due ${DateTime.fromISO(day).toFormat('d LLL')})` : '');
  const lead = `Before the next meeting of "${set.name}" (${when}), how did your actions go? For each: done, partly or not done, and what you learned.`;
  const howToReply = 'Or reply to this e-mail, one line per action: its number, then done, partly or not done, then what you learned. For example: "1 done: we agreed a review date".';
  const text = `Hello ${to.displayName},

${lead}

${input.actions.map((a, i) => `  ${i + 1}. ${a.text}${due(a.dueAt)}`).join('\n')}

Answer here, no sign-in needed (you can change your answers until the meeting starts):
${reportUrl}

${howToReply}

Your answers open the meeting's check-in, so the set can spend its time on what you learned.`;
  const html = page([
    `<p>Hello ${escapeHtml(to.displayName)},</p>`,
    `<p>${escapeHtml(lead)}</p>`,
    `<ol>${input.actions.map((a) => `<li>${escapeHtml(a.text)}${escapeHtml(due(a.dueAt))}</li>`).join('')}</ol>`,
    `<p>${button(reportUrl, 'Report back on your actions')}</p>`,
    `<p>${escapeHtml(howToReply)}</p>`,
    `<p style="color:#555;font-size:.9em">No sign-in needed; you can change your answers until the meeting starts. They open the meeting's check-in.</p>`,
  ]);
  return { to: to.email, subject: `How did your actions go? ${set.name}, ${DateTime.fromJSDate(meeting.startsAt, { zone: to.timeZone }).toFormat('cccc d LLLL')}`, text, html, headers: { replyTo: input.replyTo } };
}
