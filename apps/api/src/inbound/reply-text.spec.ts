import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { parseReportBack, visibleText } from './inbound-mail.service';

/** Replies as real clients send them: the visible text is what the person wrote above the quote, without their signature. */
describe('visibleText on real reply fixtures', () => {
  it.each([
    ['gmail', 'What time do you usually start, and who sees you leave?'],
    ['outlook', 'What would be different if you left on time?'],
    ['apple', 'Who decides what “on time” means in your team?'],
    ['mobile', 'What happens at home when you are late?'],
    ['outlook-html', 'How do you feel at 5pm on a Friday?'],
  ])('%s', async (fixture, expected) => {
    const parsed = await simpleParser(readFileSync(join(__dirname, 'fixtures', `${fixture}.eml`)));
    expect(visibleText(parsed.text ?? '')).toBe(expected);
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
