import PDFDocument from 'pdfkit';

/** A table of figures: its heading row, then its rows (the first column is the row's name). */
export interface FiguresTable {
  head: string[];
  rows: (string | number)[][];
}

export interface FiguresSection {
  heading: string;
  /** A sentence or two under the heading. */
  note?: string;
  table?: FiguresTable;
  /** Key figures shown large, side by side. */
  keyFigures?: { figure: string; label: string }[];
}

export interface FiguresReport {
  title: string;
  subtitle: string;
  /** Small print at the foot of the last page (what the report holds and does not). */
  footnote: string;
  sections: FiguresSection[];
}

const INK = '#1a1a1a';
const MUTED = '#555555';
const RULE = '#c8c8c8';
const BAND = '#f1f4f8';
const ACCENT = '#1f4e79';

/**
 * A report of figures one hands to a commissioner (A4, the CPD export's PDF library, pdfkit): a
 * title block, key figures, then tables with a shaded heading row and a line between rows; a
 * table that does not fit goes on to a new page with its heading row again.
 */
export function figuresPdf(report: FiguresReport): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: report.title, Subject: report.subtitle } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    const left = doc.page.margins.left;
    const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;

    doc.rect(0, 0, doc.page.width, 8).fill(ACCENT);
    doc.fillColor(ACCENT).font('Helvetica-Bold').fontSize(22).text(report.title, left, 60, { width });
    doc.fillColor(MUTED).font('Helvetica').fontSize(11).text(report.subtitle, { width }).moveDown(1.2);

    for (const section of report.sections) {
      if (doc.y > doc.page.height - 160) doc.addPage();
      doc.fillColor(INK).font('Helvetica-Bold').fontSize(14).text(section.heading, left, doc.y, { width });
      doc.moveDown(0.3);
      if (section.note) doc.fillColor(MUTED).font('Helvetica').fontSize(10).text(section.note, { width }).moveDown(0.5);
      if (section.keyFigures) keyFigures(doc, section.keyFigures, left, width);
      if (section.table) table(doc, section.table, left, width);
      doc.moveDown(1);
    }
    if (doc.y > doc.page.height - 100) doc.addPage();
    doc.moveDown(0.5).strokeColor(RULE).moveTo(left, doc.y).lineTo(left + width, doc.y).stroke().moveDown(0.5);
    doc.fillColor(MUTED).font('Helvetica').fontSize(8.5).text(report.footnote, left, doc.y, { width });
    doc.end();
  });
}

function keyFigures(doc: PDFKit.PDFDocument, figures: { figure: string; label: string }[], left: number, width: number): void {
  const gap = 10;
  const boxWidth = (width - gap * (figures.length - 1)) / figures.length;
  const top = doc.y;
  const height = 58;
  figures.forEach((f, i) => {
    const x = left + i * (boxWidth + gap);
    doc.rect(x, top, boxWidth, height).fill(BAND);
    doc.fillColor(ACCENT).font('Helvetica-Bold').fontSize(18).text(f.figure, x + 8, top + 8, { width: boxWidth - 16 });
    doc.fillColor(MUTED).font('Helvetica').fontSize(8.5).text(f.label, x + 8, top + 32, { width: boxWidth - 16 });
  });
  doc.x = left;
  doc.y = top + height + 8;
}

function table(doc: PDFKit.PDFDocument, t: FiguresTable, left: number, width: number): void {
  // The first column names the row (a meeting, a set, a statement): wider when there are few columns.
  const first = t.head.length <= 4 ? width * 0.55 : t.head.length >= 7 ? width * 0.24 : width * 0.3;
  const rest = t.head.length > 1 ? (width - first) / (t.head.length - 1) : 0;
  const widths = t.head.map((_, i) => (i === 0 ? first : rest));
  const padding = 4;
  const size = (header: boolean) => (header ? 8 : 9);
  const rowHeight = (cells: (string | number)[], bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(size(bold));
    return Math.max(...cells.map((c, i) => doc.heightOfString(String(c), { width: widths[i] - padding * 2 }))) + padding * 2;
  };
  const drawRow = (cells: (string | number)[], header: boolean) => {
    const h = rowHeight(cells, header);
    const top = doc.y;
    if (header) doc.rect(left, top, width, h).fill(BAND);
    let x = left;
    cells.forEach((c, i) => {
      doc.fillColor(header ? ACCENT : INK).font(header ? 'Helvetica-Bold' : 'Helvetica').fontSize(size(header)).text(String(c), x + padding, top + padding, { width: widths[i] - padding * 2, align: i === 0 ? 'left' : 'right' });
      x += widths[i];
    });
    doc.strokeColor(RULE).lineWidth(0.5).moveTo(left, top + h).lineTo(left + width, top + h).stroke();
    doc.x = left;
    doc.y = top + h;
  };
  drawRow(t.head, true);
  for (const row of t.rows) {
    if (doc.y + rowHeight(row, false) > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      drawRow(t.head, true);
    }
    drawRow(row, false);
  }
}
