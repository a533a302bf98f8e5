import { escapeText, foldLine, vtimezone } from './icalendar';

describe('escapeText', () => {
  it('escapes backslashes, semicolons, commas and new lines', () => {
    expect(escapeText('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne');
  });
});

describe('foldLine', () => {
  it('leaves a short line alone', () => {
    expect(foldLine('SUMMARY:Set meeting')).toBe('SUMMARY:Set meeting');
  });

  it('folds at 75 octets without splitting a multi-byte character', () => {
    const line = `DESCRIPTION:${'é'.repeat(100)}`;
    const parts = foldLine(line).split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
    expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line);
  });
});

describe('vtimezone', () => {
  it('gives London its March and October changes to the minute', () => {
    const lines = vtimezone('Europe/London', 2027, 2027);
    expect(lines).toEqual([
      'BEGIN:VTIMEZONE', 'TZID:Europe/London',
      'BEGIN:DAYLIGHT', 'DTSTART:20270328T010000', 'TZOFFSETFROM:+0000', 'TZOFFSETTO:+0100', 'TZNAME:BST', 'END:DAYLIGHT',
      'BEGIN:STANDARD', 'DTSTART:20271031T020000', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0000', 'TZNAME:GMT', 'END:STANDARD',
      'END:VTIMEZONE',
    ]);
  });

  it('gives a zone without changes one observance', () => {
    expect(vtimezone('Asia/Kolkata', 2027, 2028)).toEqual(['BEGIN:VTIMEZONE', 'TZID:Asia/Kolkata', 'BEGIN:STANDARD', 'DTSTART:19700101T000000', 'TZOFFSETFROM:+0530', 'TZOFFSETTO:+0530', expect.stringMatching(/^TZNAME:/), 'END:STANDARD', 'END:VTIMEZONE']);
  });
});
