import { useState } from 'react';

const FORMATS = [
  { value: 'pdf', label: 'PDF (to hand in)' },
  { value: 'csv', label: 'CSV (spreadsheet)' },
  { value: 'md', label: 'Markdown (text)' },
];

/** Downloads the person's CPD records for a period: the set meetings they took part in and their log entries. */
export function CpdExport() {
  const today = new Date().toISOString().slice(0, 10);
  const yearAgo = new Date(Date.now() - 364 * 86_400_000).toISOString().slice(0, 10);
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
