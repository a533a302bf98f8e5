import { DateTime } from 'luxon';
import type { SetRole } from '@als/shared';
import type { SetEntity } from '@api/sets/set.entity';
import type { UserEntity } from '@api/users/user.entity';
import { escapeHtml } from '@api/mail/html';
import type { OutgoingMail } from '@api/mail/mail.service';
import type { InvitationEntity } from './invitation.entity';

const ROLE_WORDS: Record<SetRole, string> = {
  facilitator: 'as a facilitator (you will help run the set)',
  member: 'as a member',
  sponsor: 'as a sponsor (you will see the schedule and attendance, never what is discussed)',
};

export function invitationMail(input: { set: SetEntity; invitation: InvitationEntity; inviter: UserEntity; link: string }): OutgoingMail {
  const { set, invitation, inviter, link } = input;
  const expires = DateTime.fromJSDate(invitation.expiresAt).setZone(set.timeZone).toFormat("cccc d LLLL yyyy 'at' HH:mm ZZZZ");
  const intro = `${inviter.displayName} has invited you to join the action learning set "${set.name}" ${ROLE_WORDS[invitation.role]}.`;
  const purpose = set.purpose ? `\n\nWhat the set is for:\n${set.purpose}` : '';
  const text = `${intro}${purpose}

To join, open this link, sign in or create an account with ${invitation.email}, and read and accept the set's ground rules:

${link}

The link works once and expires on ${expires}. If you were not expecting this, you can ignore this e-mail.`;
  const html = `<!doctype html><html><body style="font-family:Arial,sans-serif;line-height:1.5;color:#1b1b1b;max-width:36rem">
<p>${escapeHtml(intro)}</p>
${set.purpose ? `<p><strong>What the set is for:</strong><br>${escapeHtml(set.purpose).replace(/\n/g, '<br>')}</p>` : ''}
<p>To join, sign in or create an account with <strong>${escapeHtml(invitation.email)}</strong>, then read and accept the set's ground rules.</p>
<p><a href="${escapeHtml(link)}" style="display:inline-block;background:#0b5394;color:#fff;padding:.6rem 1rem;border-radius:4px;text-decoration:none">Join the set</a></p>
<p style="color:#555">Or paste this address into your browser: ${escapeHtml(link)}<br>The link works once and expires on ${escapeHtml(expires)}.</p>
</body></html>`;
  return { to: invitation.email, subject: `Invitation to the action learning set "${set.name}"`, text, html };
}
