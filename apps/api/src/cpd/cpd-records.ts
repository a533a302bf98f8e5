import PDFDocument from 'pdfkit';

/** One CPD record, with the fields regulators ask for (e.g. Social Work England). */
export interface CpdRecord {
  activityType: string;
  /** YYYY-MM-DD */
  date: string;
  title: string;
  description: string;
  learning: string;
  impact: string;
  peerDiscussion: string;
  hours: number;
}

export const CPD_COLUMNS: [keyof CpdRecord, string][] = [
  ['activityType', 'Activity type'],
  ['date', 'Date'],
  ['title', 'Title'],
  ['description', 'Description'],
  ['learning', 'What I learned'],
  ['impact', 'Impact on my practice'],
  ['peerDiscussion', 'Discussed with peers'],
  ['hours', 'Hours'],
];

/** A cell a spreadsheet would run as a formula (OWASP, CSV injection): one starting with =, +, -, @, tab or carriage return. */
const FORMULA = /^[=+\-@\t\r]/;

/**
 * One CSV cell. Text that a spreadsheet would take for a formula gets a leading single quote (shown
 * as text, never run) and is always quoted, as OWASP's CSV injection guidance says; other text is
 * quoted when it holds a comma, quote or line break (RFC 4180). A number we computed (hours) is
 * written as the number it is: it cannot carry a formula, and stays a number in the spreadsheet.
 */
export function csvCell(value: string | number): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  const text = String(value);
  if (FORMULA.test(text)) return `"'${text.replace(/"/g, '""')}"`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV with a UTF-8 byte order mark, so that spreadsheet programs read accents right; formula cells neutralised (csvCell). Another regulator's columns may be given. */
export function toCsv<R extends CpdRecord>(records: R[], columns: [keyof R, string][] = CPD_COLUMNS as [keyof R, string][]): string {
  const lines = [columns.map(([, label]) => label), ...records.map((r) => columns.map(([key]) => r[key] as string | number))].map((row) => row.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

const mdText = (text: string) => text.replace(/([\\`*_[\]#<>|])/g, '\\$1').replace(/\r?\n/g, '  \n');

export function toMarkdown(records: CpdRecord[], heading: { name: string; from: string; to: string }): string {
  const total = records.reduce((sum, r) => sum + r.hours, 0);
  const parts = [`# CPD record: ${mdText(heading.name)}`, '', `${heading.from} to ${heading.to} · ${activities(records.length)} · ${hoursText(total)}`, ''];
  for (const r of records) {
    parts.push(`## ${r.date}: ${mdText(r.title)}`, '', `- **Activity type:** ${mdText(r.activityType)}`, `- **Hours:** ${r.hours}`, `- **Discussed with peers:** ${mdText(r.peerDiscussion)}`, '');
    if (r.description) parts.push(`**Description**  `, mdText(r.description), '');
    if (r.learning) parts.push(`**What I learned**  `, mdText(r.learning), '');
    if (r.impact) parts.push(`**Impact on my practice**  `, mdText(r.impact), '');
  }
  return `${parts.join('\n')}\n`;
}

/** A tidy A4 document a person would hand in: a summary table, then each activity. */
export function toPdf(records: CpdRecord[], heading: { name: string; from: string; to: string }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `CPD record: ${heading.name}`, Author: heading.name, Subject: 'Continuing professional development' } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    const total = records.reduce((sum, r) => sum + r.hours, 0);
    doc.font('Helvetica-Bold').fontSize(20).text('CPD record');
    doc.font('Helvetica').fontSize(12).text(heading.name).moveDown(0.3);
    doc.fillColor('#444444').text(`${heading.from} to ${heading.to}   ·   ${activities(records.length)}   ·   ${hoursText(total)}`).fillColor('#000000').moveDown(1);
    if (records.length === 0) doc.text('No activities in this period.');
    for (const r of records) {
      if (doc.y > doc.page.height - 180) doc.addPage();
      doc.font('Helvetica-Bold').fontSize(13).text(`${r.date}   ${r.title}`);
      doc.font('Helvetica').fontSize(10).fillColor('#444444').text(`${r.activityType}   ·   ${r.hours} hours   ·   Discussed with peers: ${r.peerDiscussion}`).fillColor('#000000').moveDown(0.3);
      for (const [label, value] of [['Description', r.description], ['What I learned', r.learning], ['Impact on my practice', r.impact]] as const) {
        if (!value) continue;
        doc.font('Helvetica-Bold').fontSize(10).text(label);
        doc.font('Helvetica').fontSize(10).text(value, { align: 'left' }).moveDown(0.3);
      }
      doc.moveDown(0.6).strokeColor('#bbbbbb').moveTo(doc.page.margins.left, doc.y).lineTo(doc.page.width - doc.page.margins.right, doc.y).stroke().moveDown(0.6);
    }
    doc.end();
  });
}

function activities(n: number): string {
  return `${n} ${n === 1 ? 'activity' : 'activities'}`;
}

function hoursText(n: number): string {
  return `${n} ${n === 1 ? 'hour' : 'hours'}`;
}
