import { DateTime } from 'luxon';
import { EMAIL_CHANGE_HOURS, PASSWORD_RESET_MINUTES } from '@als/shared';
import { button, escapeHtml, page } from '@api/mail/html';
import type { OutgoingMail } from '@api/mail/mail.service';
import type { UserEntity } from '@api/users/user.entity';

type Person = Pick<UserEntity, 'displayName' | 'email' | 'timeZone'>;

function when(at: Date, zone: string): string {
  return DateTime.fromJSDate(at).setZone(zone).toFormat("cccc d LLLL yyyy 'at' HH:mm ZZZZ");
}

const NOT_YOU = 'If this was not you, choose a new password at once ("Forgot your password?" on the sign-in page): that signs out everyone who is signed in to your account.';

export function passwordResetMail(user: Person, link: string): OutgoingMail {
  const text = `Hello ${user.displayName},

Someone asked to choose a new password for your action learning account (${user.email}). To choose one, open this link:

${link}

The link works once, for ${PASSWORD_RESET_MINUTES} minutes. Choosing a new password signs you out everywhere else.

If you did not ask for this, ignore this e-mail: your password stays as it is and nobody can use this link without access to your e-mail. If such e-mails keep coming, tell your facilitator or organisation.`;
  const html = page([
    `<p>Hello ${escapeHtml(user.displayName)},</p>`,
    `<p>Someone asked to choose a new password for your action learning account (${escapeHtml(user.email)}).</p>`,
    `<p>${button(link, 'Choose a new password')}</p>`,
    `<p style="color:#555">Or paste this address into your browser: ${escapeHtml(link)}<br>The link works once, for ${PASSWORD_RESET_MINUTES} minutes. Choosing a new password signs you out everywhere else.</p>`,
    `<p>If you did not ask for this, ignore this e-mail: your password stays as it is. If such e-mails keep coming, tell your facilitator or organisation.</p>`,
  ]);
  return { to: user.email, subject: 'Choose a new password', text, html };
}

export function passwordChangedMail(user: Person, at: Date, how: 'changed' | 'reset'): OutgoingMail {
  const what = how === 'reset' ? 'was reset with a link sent to this address' : 'was changed from your account page';
  const after = how === 'reset' ? 'Everyone who was signed in to your account has been signed out.' : 'You stay signed in where you changed it; everywhere else you have been signed out.';
  const text = `Hello ${user.displayName},

The password of your action learning account (${user.email}) ${what} on ${when(at, user.timeZone)}. ${after}

${NOT_YOU}`;
  const html = page([`<p>Hello ${escapeHtml(user.displayName)},</p>`, `<p>The password of your action learning account (${escapeHtml(user.email)}) ${escapeHtml(what)} on ${escapeHtml(when(at, user.timeZone))}. ${escapeHtml(after)}</p>`, `<p>${escapeHtml(NOT_YOU)}</p>`]);
  return { to: user.email, subject: 'Your password was changed', text, html };
}

export function emailChangeConfirmMail(user: Person, newEmail: string, link: string): OutgoingMail {
  const text = `Hello ${user.displayName},

You asked to use this address (${newEmail}) for your action learning account instead of ${user.email}. To confirm, open this link:

${link}

The link works once, for ${EMAIL_CHANGE_HOURS} hours. Until you confirm, e-mails keep going to ${user.email}.

If you did not ask for this, ignore this e-mail: nothing changes.`;
  const html = page([
    `<p>Hello ${escapeHtml(user.displayName)},</p>`,
    `<p>You asked to use this address (${escapeHtml(newEmail)}) for your action learning account instead of ${escapeHtml(user.email)}.</p>`,
    `<p>${button(link, 'Confirm my new address')}</p>`,
    `<p style="color:#555">Or paste this address into your browser: ${escapeHtml(link)}<br>The link works once, for ${EMAIL_CHANGE_HOURS} hours. Until you confirm, e-mails keep going to ${escapeHtml(user.email)}.</p>`,
    `<p>If you did not ask for this, ignore this e-mail: nothing changes.</p>`,
  ]);
  return { to: newEmail, subject: 'Confirm your new e-mail address', text, html };
}

export function emailChangedMail(user: Person, oldEmail: string, newEmail: string, at: Date): OutgoingMail {
  const text = `Hello ${user.displayName},

The e-mail address of your action learning account was changed from ${oldEmail} to ${newEmail} on ${when(at, user.timeZone)}. From now on you sign in with ${newEmail}, and e-mails go there.

If this was not you, tell your facilitator or organisation at once: someone who knows your password may have taken over your account.`;
  const html = page([
    `<p>Hello ${escapeHtml(user.displayName)},</p>`,
    `<p>The e-mail address of your action learning account was changed from ${escapeHtml(oldEmail)} to ${escapeHtml(newEmail)} on ${escapeHtml(when(at, user.timeZone))}. From now on you sign in with ${escapeHtml(newEmail)}, and e-mails go there.</p>`,
    `<p>If this was not you, tell your facilitator or organisation at once: someone who knows your password may have taken over your account.</p>`,
  ]);
  return { to: oldEmail, subject: 'The e-mail address of your account was changed', text, html };
}
