import type { ReactElement, ReactNode } from 'react';
import { ResponsiveContainer } from 'recharts';

/** Colours with at least 4.5:1 contrast on white, told apart by more than hue (legends and tables name them). */
export const COLOURS = { blue: '#0b4f8a', orange: '#9a4a00', green: '#1d6b34', grey: '#555f6b', red: '#a4161a' };

/** A chart with its figures as a table for screen readers and for copying into a report. */
export function Figure({ title, summary, empty, table, children }: { title: string; summary?: ReactNode; empty?: string; table: { head: string[]; rows: (string | number)[][] }; children: ReactNode }) {
  return (
    <section className="panel figure" aria-label={title}>
      <h2>{title}</h2>
      {summary && <p>{summary}</p>}
      {empty ? (
        <p className="muted">{empty}</p>
      ) : (
        <div aria-hidden="true" inert className="figure__chart">
          <ResponsiveContainer width="100%" height={260}>
            {children as ReactElement}
          </ResponsiveContainer>
        </div>
      )}
      <details>
        <summary>The figures as a table</summary>
        <table className="table">
          <thead>
            <tr>
              {table.head.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, i) => (
              <tr key={i}>
                {row.map((cell, j) => (j === 0 ? <th key={j} scope="row">{cell}</th> : <td key={j}>{cell}</td>))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
