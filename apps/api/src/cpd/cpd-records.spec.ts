import { parse } from 'csv-parse/sync';
import { csvCell, toCsv, type CpdRecord } from './cpd-records';

const record = (overrides: Partial<CpdRecord>): CpdRecord => ({ activityType: 'Reflective practice: learning log', date: '2026-03-02', title: 'A title', description: 'What happened', learning: '', impact: '', peerDiscussion: 'No', hours: 1.5, ...overrides });

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
    expect(rows[1]).toEqual(['Reflective practice: learning log', '2026-03-02', "'=cmd|' /C calc'!A0", "'@A1", "'+44 20 7946 0000", "'-", 'No', '2']);
    for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});
