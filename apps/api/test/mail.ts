import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import ICAL from 'ical.js';

export interface ParsedMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  replyTo: string;
  messageId: string;
  /** Every header, lower-cased names (mailparser's map). */
  headers: Map<string, unknown>;
  /** The text/calendar part, when the message carries one. */
  calendar?: { method: string; text: string; events: ICAL.Event[]; component: ICAL.Component };
}

/** Every .eml written to `mailDir`, oldest first, parsed by an independent parser (mailparser, ical.js). */
export async function parsedMails(mailDir: string): Promise<ParsedMail[]> {
  let files: string[];
  try {
    files = readdirSync(mailDir).filter((f) => f.endsWith('.eml')).sort();
  } catch {
    return [];
  }
  const mails: ParsedMail[] = [];
  for (const file of files) {
    const parsed = await simpleParser(readFileSync(join(mailDir, file)));
    const to = Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(', ') : (parsed.to?.text ?? '');
    const part = parsed.attachments.find((a) => a.contentType.startsWith('text/calendar'));
    let calendar: ParsedMail['calendar'];
    if (part) {
      const text = part.content.toString('utf8');
      const component = new ICAL.Component(ICAL.parse(text));
      calendar = { method: String(component.getFirstPropertyValue('method')), text, component, events: component.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)) };
    }
    mails.push({
      to,
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      html: typeof parsed.html === 'string' ? parsed.html : '',
      replyTo: parsed.replyTo?.value[0]?.address ?? '',
      messageId: parsed.messageId ?? '',
      headers: parsed.headers as Map<string, unknown>,
      calendar,
    });
  }
  return mails;
}

/** The first link in `text` that starts with `prefix`. */
export function linkIn(text: string, prefix: string): string {
  const match = new RegExp(`${prefix.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}[^\\s"<>]+`).exec(text);
  if (!match) throw new Error(`no link starting with ${prefix} in:\n${text}`);
  return match[0];
}

/** A TCP port free on the loopback now (for an SMTP server or receiver a test starts). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
