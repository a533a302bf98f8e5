import { useState } from 'react';

const FORMATS = [
  { value: 'pdf', label: 'PDF (to hand in)' },
  { value: 'csv', label: 'CSV (spreadsheet)' },
  { value: 'md', label: 'Markdown (text)' },
];

/** YYYY-MM-DD of a moment in the browser's own zone. */
function localDay(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** Downloads the person's CPD records for a period: the set meetings they took part in and their log entries. */
export function CpdExport() {
  // Calendar days in the person's own zone: the year up to today.
  const now = new Date();
  const today = localDay(now);
  const yearAgo = localDay(new Date(now.getFullYear() - 1, now.getMonth(), now.getDate() + 1));
  const [from, setFrom] = useState(yearAgo);
  const [to, setTo] = useState(today);
  const [format, setFormat] = useState('pdf');
  const href = `/api/me/cpd-export?${new URLSearchParams({ format, from, to }).toString()}`;
  const backwards = from > to;
  return (
    <section className="panel" aria-labelledby="cpd-title">
      <h2 id="cpd-title">CPD record</h2>
      <p className="muted">The set meetings you took part in (what you did, never the cases discussed) and your learning-log entries, with the fields regulators ask for.</p>
      <div className="form--row form">
        <div className="field">
          <label htmlFor="cpd-from">From</label>
          <input id="cpd-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="cpd-to">To</label>
          <input id="cpd-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="cpd-format">Format</label>
          <select id="cpd-format" value={format} onChange={(e) => setFormat(e.target.value)}>
            {FORMATS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {backwards ? (
        <p className="field__error">The end date is before the start date.</p>
      ) : (
        <a className="button" href={href} download>
          Download CPD record
        </a>
      )}
    </section>
  );
}
