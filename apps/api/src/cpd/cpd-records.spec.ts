import { parse } from 'csv-parse/sync';
import { CPD_DECLARATION, csvCell, toCsv, toMarkdown, type CpdRecord } from './cpd-records';

const record = (overrides: Partial<CpdRecord>): CpdRecord => ({ activityType: 'Reflective practice: learning log', date: '2026-03-02', title: 'A title', description: 'What happened', learning: '', impact: '', different: '', peerDiscussion: 'No', hours: 1.5, ...overrides });

describe(csvCell.name, () => {
  it.each([
    ['=HYPERLINK("http://evil","x")', `"'=HYPERLINK(""http://evil"",""x"")"`],
    ['+1+1', `"'+1+1"`],
    ['-2+3', `"'-2+3"`],
    ['@SUM(A1:A9)', `"'@SUM(A1:A9)"`],
    ['\t=1', `"'\t=1"`],
    ['\r=1', `"'\r=1"`],
  ])('neutralises %j as quoted text with a leading single quote', (text, cell) => {
    expect(csvCell(text)).toBe(cell);
  });

  it.each([
    ['plain', 'plain'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['1+1=2', '1+1=2'],
  ])('writes other text as RFC 4180 asks: %j', (text, cell) => {
    expect(csvCell(text)).toBe(cell);
  });

  it('writes a computed number as the number it is, negative too', () => {
    expect(csvCell(3.5)).toBe('3.5');
    expect(csvCell(-0.25)).toBe('-0.25');
  });
});

describe(toCsv.name, () => {
  it('reads back, in a real CSV parser, as the text with a leading quote and nothing a spreadsheet runs', () => {
    const rows = parse(toCsv([record({ title: '=cmd|\' /C calc\'!A0', description: '@A1', learning: '+44 20 7946 0000', impact: '-', hours: 2 })]), { bom: true }) as string[][];
    expect(rows[1]).toEqual(['Reflective practice: learning log', '2026-03-02', "'=cmd|' /C calc'!A0", "'@A1", "'+44 20 7946 0000", "'-", 'No', '2', '']);
    for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});

describe('every field of the learning log in every format', () => {
  const full = record({ description: 'Presented the school case.', learning: 'I avoid conflict.', impact: 'The family felt heard.', different: 'Ask the family before I write the plan.' });
  it('has "What I will do differently" in the CSV, as the last column', () => {
    const rows = parse(toCsv([full]), { bom: true }) as string[][];
    expect(rows[0].at(-1)).toBe('What I will do differently');
    expect(rows[1].at(-1)).toBe('Ask the family before I write the plan.');
  });
  it('has it in the Markdown after the impact, and ends with the declaration', () => {
    const md = toMarkdown([full], { name: 'Pat', from: '2026-01-01', to: '2026-12-31' });
    expect(md.indexOf('**Impact on my practice**')).toBeLessThan(md.indexOf('**What I will do differently**'));
    expect(md).toContain('Ask the family before I write the plan.');
    expect(md).toContain(`## Declaration\n\n${CPD_DECLARATION}`);
  });
});
