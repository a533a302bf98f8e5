// Prints the text of the PDF given on stdin. Run as its own Node process: pdf-parse (pdf.js) loads
// its worker with a dynamic import, which Jest's CommonJS sandbox cannot do.
const { PDFParse } = require('pdf-parse');

const chunks = [];
process.stdin.on('data', (chunk) => chunks.push(chunk));
process.stdin.on('end', async () => {
  const parser = new PDFParse({ data: Buffer.concat(chunks) });
  try {
    process.stdout.write((await parser.getText()).text);
  } finally {
    await parser.destroy();
  }
});
