import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { parseReportBack, visibleText } from './inbound-mail.service';
import { stripSignOff } from './sign-off';

/** Replies as real clients send them: the visible text is what the person wrote above the quote, without their signature. */
describe('visibleText on real reply fixtures', () => {
  it.each([
    ['gmail', 'What time do you usually start, and who sees you leave?'],
    ['outlook', 'What would be different if you left on time?'],
    ['apple', 'Who decides what “on time” means in your team?'],
    ['mobile', 'What happens at home when you are late?'],
    ['outlook-html', 'How do you feel at 5pm on a Friday?'],
    // Sign-offs (issue 18): a closing and a name, "Thanks, X" on one line, a name above "Sent from my…", a signature block.
    ['signoff-thanks-name', 'Who else knows about the overtime?'],
    ['signoff-thanks-inline', 'What did your manager say when you raised it?'],
    ['signoff-name-iphone', 'How long has this been going on?'],
    ['signoff-block-samsung', 'What would your team notice first if you left at five?\n\nAnd who would mind?'],
  ])('%s', async (fixture, expected) => {
    const parsed = await simpleParser(readFileSync(join(__dirname, 'fixtures', `${fixture}.eml`)));
    expect(visibleText(parsed.text ?? '', parsed.from?.value[0]?.name)).toBe(expected);
  });

  it('keeps paragraphs of a longer reply, and nothing when there is only the quote', () => {
    expect(visibleText('First thought.\n\n\n\nSecond thought.\n\nOn Tue, 24 Nov 2026 at 09:12, A <a@b.c> wrote:\n> quoted')).toBe('First thought.\n\nSecond thought.');
    expect(visibleText('On Tue, 24 Nov 2026 at 09:12, A <a@b.c> wrote:\n> quoted')).toBe('');
  });
});

describe('parseReportBack', () => {
  it('reads one answer per line: number, status, note', () => {
    expect(parseReportBack('1 done: agreed a review date\n2. partly - met him once\n3) Not done\n#4 partially done, waiting for the panel\nthanks!')).toEqual([
      { number: 1, status: 'done', note: 'agreed a review date' },
      { number: 2, status: 'partly', note: 'met him once' },
      { number: 3, status: 'not-done', note: '' },
      { number: 4, status: 'partly', note: 'waiting for the panel' },
    ]);
  });

  it('finds nothing in prose or lines without a status', () => {
    expect(parseReportBack('It went well overall.\n1 I think so\n2 doneish')).toEqual([]);
  });
});

describe(stripSignOff.name, () => {
  it.each([
    ['a name on its own line after a blank', 'What have you tried so far?\n\nFiona', 'What have you tried so far?'],
    ['initials and a kiss', 'What have you tried so far?\n\nF x', 'What have you tried so far?'],
    ['"Kind regards" and a name', 'What have you tried so far?\n\nKind regards,\nFiona Campbell', 'What have you tried so far?'],
    ['"Many thanks" with a signature block', 'Who else is involved?\n\nMany thanks\nDr Fiona Campbell\nPrincipal Social Worker\nNorthshire County Council\n01632 960 123', 'Who else is involved?'],
    ['"Cheers, F"', 'Who else is involved?\nCheers, F', 'Who else is involved?'],
    ['"Sent from my" alone', 'Who else is involved?\n\nSent from my Galaxy', 'Who else is involved?'],
    ['"Get Outlook for iOS"', 'Who else is involved?\n\nGet Outlook for iOS', 'Who else is involved?'],
    ['a "-- " signature', 'Who else is involved?\n-- \nFiona Campbell\nwww.example.org', 'Who else is involved?'],
  ])('takes off %s', (_, text, expected) => {
    expect(stripSignOff(text)).toBe(expected);
  });

  it('takes off the sender’s own name even right under the last line', () => {
    expect(stripSignOff('What would help most this week?\nFiona', ['Fiona Campbell'])).toBe('What would help most this week?');
    expect(stripSignOff('What would help most this week?\nFiona', ['Campbell, Fiona'])).toBe('What would help most this week?');
  });

  it.each([
    ['a closing word inside a sentence', 'Thanks for sharing this. What did you try first?'],
    ['a last line that is a question', 'I wonder about the rota.\n\nWho Decides?'],
    ['a sentence starting with "Best"', 'What matters most?\n\nBest to ask the team first, I think, and then see.'],
    ['a one-line reply that is only a closing', 'Thanks, Fiona'],
    ['a one-word sentence as the last paragraph', 'What stops you?\n\nHonestly.'],
    ['paragraphs of an answer', 'First, the rota.\n\nSecond, the handover.\n\nThird, the phone.'],
    ['a capitalised last line right under the text', 'The people who know are:\nPat Lindqvist'],
  ])('keeps %s', (_, text) => {
    expect(stripSignOff(text)).toBe(text);
  });
});
