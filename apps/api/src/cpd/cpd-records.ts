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
  /** What I will do differently (the learning log's prompt). */
  different: string;
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
  // Last, so that the columns before it stay where scripts reading the export by position expect them.
  ['different', 'What I will do differently'],
];

/** The reflective fields of a record, in the order a reader expects them (Markdown and PDF). */
export const REFLECTIVE_FIELDS: [keyof CpdRecord, string][] = [
  ['description', 'Description'],
  ['learning', 'What I learned'],
  ['impact', 'Impact on my practice'],
  ['different', 'What I will do differently'],
];

/** What a person declares under their record, before they hand it to a regulator. */
export const CPD_DECLARATION = 'I declare that the activities in this record are a true account of my continuing professional development, that I took part in them as described, and that the reflections are my own.';

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

/** Who the record is of, and for which period; their professional registration when they gave one. */
export interface CpdHeading {
  name: string;
  from: string;
  to: string;
  preparedOn?: string;
  /** "Social Work England registration SW123456" */
  registration?: string | null;
}

export function toMarkdown(records: CpdRecord[], heading: CpdHeading): string {
  const total = records.reduce((sum, r) => sum + r.hours, 0);
  const parts = [`# CPD record: ${mdText(heading.name)}`, '', ...(heading.registration ? [`${mdText(heading.registration)}`, ''] : []), `${heading.from} to ${heading.to} · ${activities(records.length)} · ${hoursText(total)}`, ''];
  for (const r of records) {
    parts.push(`## ${r.date}: ${mdText(r.title)}`, '', `- **Activity type:** ${mdText(r.activityType)}`, `- **Hours:** ${r.hours}`, `- **Discussed with peers:** ${mdText(r.peerDiscussion)}`, '');
    for (const [key, label] of REFLECTIVE_FIELDS) {
      const value = String(r[key] ?? '');
      if (value) parts.push(`**${label}**  `, mdText(value), '');
    }
  }
  parts.push('## Declaration', '', mdText(CPD_DECLARATION), '', 'Signed: ______________________________    Date: ________________', '');
  return `${parts.join('\n')}\n`;
}

/** "2 March 2026" for a YYYY-MM-DD day (the day as written, whatever the server's zone). */
function longDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return day;
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

const INK = '#1b1b1b';
const MUTED = '#555555';
const RULE = '#b8c0c8';
const BAND = '#0b4f8a';

/**
 * An A4 document a person hands to a regulator: who and which period, the totals, a summary table
 * of the activities, each activity with its reflective account (what happened, what I learned,
 * the impact on my practice, what I will do differently), and a declaration to sign; page numbers
 * in the footer of every page.
 */
export function toPdf(records: CpdRecord[], heading: CpdHeading): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margins: { top: 56, bottom: 64, left: 56, right: 56 }, bufferPages: true, info: { Title: `CPD record: ${heading.name}`, Author: heading.name, Subject: 'Continuing professional development' } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;
    const bottom = () => doc.page.height - doc.page.margins.bottom;
    const rule = (color = RULE) => doc.strokeColor(color).lineWidth(0.75).moveTo(left, doc.y).lineTo(left + width, doc.y).stroke();
    const total = records.reduce((sum, r) => sum + r.hours, 0);
    const peer = records.filter((r) => r.peerDiscussion && r.peerDiscussion !== 'No').length;

    // Title block.
    doc.rect(left, doc.y, width, 4).fill(BAND);
    doc.moveDown(0.8);
    doc.fillColor(INK).font('Helvetica-Bold').fontSize(20).text('Continuing professional development record', left, doc.y, { width });
    doc.moveDown(0.4);
    doc.font('Helvetica-Bold').fontSize(13).text(heading.name, { width });
    doc.font('Helvetica').fontSize(10.5).fillColor(MUTED);
    if (heading.registration) doc.fillColor(INK).text(heading.registration, { width }).fillColor(MUTED);
    doc.text(`Period: ${longDay(heading.from)} to ${longDay(heading.to)}`, { width });
    if (heading.preparedOn) doc.text(`Prepared on ${longDay(heading.preparedOn)}`, { width });
    doc.moveDown(0.6).fillColor(INK);
    doc.font('Helvetica-Bold').fontSize(11).text(`${activities(records.length)}   ·   ${hoursText(total)}   ·   ${peer} discussed with peers`, { width });
    doc.moveDown(0.8);

    // Summary table.
    const cols = [
      { label: 'Date', w: 0.17 },
      { label: 'Activity', w: 0.5 },
      { label: 'Type', w: 0.23 },
      { label: 'Hours', w: 0.1, right: true },
    ].map((c) => ({ ...c, w: c.w * width }));
    const row = (cells: string[], bold: boolean) => {
      const heights = cells.map((cell, i) => doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9.5).heightOfString(cell, { width: cols[i].w - 8 }));
      const h = Math.max(...heights) + 8;
      if (doc.y + h > bottom()) doc.addPage();
      const top = doc.y;
      let x = left;
      cells.forEach((cell, i) => {
        doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9.5).fillColor(INK).text(cell, x + 4, top + 4, { width: cols[i].w - 8, align: cols[i].right ? 'right' : 'left' });
        x += cols[i].w;
      });
      doc.y = top + h;
      doc.x = left;
      rule();
    };
    if (records.length) {
      doc.font('Helvetica-Bold').fontSize(12).fillColor(INK).text('Summary', left, doc.y);
      doc.moveDown(0.3);
      rule(INK);
      row(cols.map((c) => c.label), true);
      for (const r of records) row([longDay(r.date), r.title, r.activityType.replace(/:.*$/, ''), String(r.hours)], false);
      row(['', 'Total', '', String(total)], true);
      doc.moveDown(1.2);
    } else {
      doc.font('Helvetica').fontSize(11).text('No activities in this period.', left, doc.y, { width });
      doc.moveDown(1);
    }

    // Each activity with its reflective account.
    records.forEach((r, n) => {
      if (doc.y > bottom() - 140) doc.addPage();
      doc.font('Helvetica-Bold').fontSize(12.5).fillColor(INK).text(`${n + 1}.  ${r.title}`, left, doc.y, { width });
      doc.font('Helvetica').fontSize(9.5).fillColor(MUTED).text(`${longDay(r.date)}   ·   ${r.activityType}   ·   ${hoursText(r.hours)}   ·   Discussed with peers: ${r.peerDiscussion}`, { width });
      doc.moveDown(0.4).fillColor(INK);
      for (const [key, label] of REFLECTIVE_FIELDS) {
        const value = String(r[key] ?? '');
        if (!value) continue;
        if (doc.y > bottom() - 50) doc.addPage();
        doc.font('Helvetica-Bold').fontSize(10).text(label, left, doc.y, { width });
        doc.font('Helvetica').fontSize(10).text(value, { width, align: 'left', lineGap: 1.5 }).moveDown(0.45);
      }
      doc.moveDown(0.4);
      rule();
      doc.moveDown(0.8);
    });

    // The declaration, kept on one page.
    if (doc.y > bottom() - 150) doc.addPage();
    doc.font('Helvetica-Bold').fontSize(12).fillColor(INK).text('Declaration', left, doc.y, { width });
    doc.moveDown(0.3);
    doc.font('Helvetica').fontSize(10).text(CPD_DECLARATION, { width, lineGap: 1.5 });
    doc.moveDown(2);
    const lineY = doc.y;
    doc.strokeColor(INK).lineWidth(0.75).moveTo(left, lineY).lineTo(left + width * 0.55, lineY).stroke();
    doc.moveTo(left + width * 0.65, lineY).lineTo(left + width, lineY).stroke();
    doc.font('Helvetica').fontSize(9).fillColor(MUTED).text(`Signed (${heading.name})`, left, lineY + 4, { width: width * 0.55 });
    doc.text('Date', left + width * 0.65, lineY + 4, { width: width * 0.35 });

    // Footer on every page.
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i += 1) {
      doc.switchToPage(i);
      // Below the bottom margin: without lifting it for the footer, pdfkit would start a new page.
      const y = doc.page.height - doc.page.margins.bottom + 24;
      doc.page.margins.bottom = 0;
      doc.font('Helvetica').fontSize(8.5).fillColor(MUTED);
      doc.text(`CPD record · ${heading.name} · ${longDay(heading.from)} to ${longDay(heading.to)}`, left, y, { width: width * 0.75, lineBreak: false });
      doc.text(`Page ${i - range.start + 1} of ${range.count}`, left + width * 0.75, y, { width: width * 0.25, align: 'right', lineBreak: false });
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
