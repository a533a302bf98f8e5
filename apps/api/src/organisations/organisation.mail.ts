import { DateTime } from 'luxon';
import type { OrganisationRole } from '@als/shared';
import { escapeHtml } from '@api/mail/html';
import type { OutgoingMail } from '@api/mail/mail.service';

const ROLE_WORDS: Record<OrganisationRole, string> = {
  admin: 'as an admin (you will see its sets, their facilitators and figures, never what is discussed in them, and manage its people)',
  member: 'as a member (you can create sets for it)',
};

export function organisationInvitationMail(input: { organisationName: string; email: string; role: OrganisationRole; inviterName: string; expiresAt: Date; link: string }): OutgoingMail {
  const { organisationName, email, role, inviterName, expiresAt, link } = input;
  const expires = DateTime.fromJSDate(expiresAt).setZone('Europe/London').toFormat("cccc d LLLL yyyy 'at' HH:mm ZZZZ");
  const intro = `${inviterName} has invited you to join ${organisationName} on the action learning platform ${ROLE_WORDS[role]}.`;
  const text = `${intro}

To join, open this link and sign in or create an account with ${email}:

${link}

The link works once and expires on ${expires}. If you were not expecting this, you can ignore this e-mail.`;
  const html = `<!doctype html><html><body style="font-family:Arial,sans-serif;line-height:1.5;color:#1b1b1b;max-width:36rem">
<p>${escapeHtml(intro)}</p>
<p>To join, sign in or create an account with <strong>${escapeHtml(email)}</strong>.</p>
<p><a href="${escapeHtml(link)}" style="display:inline-block;background:#0b5394;color:#fff;padding:.6rem 1rem;border-radius:4px;text-decoration:none">Join ${escapeHtml(organisationName)}</a></p>
<p style="color:#555">Or paste this address into your browser: ${escapeHtml(link)}<br>The link works once and expires on ${escapeHtml(expires)}.</p>
</body></html>`;
  return { to: email, subject: `Invitation to join ${organisationName}`, text, html };
}
