import type { ReactNode } from 'react';
import { CONFIDENTIALITY_LABELS, type ConfidentialityFinding } from '@als/shared';

/** The statement with each possible identifier marked, for the person to see where they are. */
export function Highlighted({ text, findings }: { text: string; findings: ConfidentialityFinding[] }) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const f of findings) {
    parts.push(text.slice(at, f.start));
    parts.push(
      <mark key={`${f.start}-${f.key}`} title={`${CONFIDENTIALITY_LABELS[f.kind]}: suggested ${f.replacement}`}>
        {f.text}
      </mark>,
    );
    at = f.end;
  }
  parts.push(text.slice(at));
  return (
    <p className="prose" aria-label="Your statement with possible identifiers marked">
      {parts}
    </p>
  );
}

/** Each possible identifier once, to replace or to confirm as identifying no one. */
export function Findings({ findings, confirmed, onReplace, onConfirm }: { findings: ConfidentialityFinding[]; confirmed: Set<string>; onReplace: (f: ConfidentialityFinding) => void; onConfirm: (key: string, keep: boolean) => void }) {
  const unique = [...new Map(findings.map((f) => [f.key, f])).values()];
  return (
    <section className="panel" aria-labelledby="findings-title">
      <h3 id="findings-title">Could this identify someone?</h3>
      <p className="muted">Public evidence is shown to anyone the badge is shown to. Replace each of these, or confirm that it identifies nobody who uses services (a place, a colleague who agreed, a published source).</p>
      <ul className="report-back-list">
        {unique.map((f) => (
          <li key={f.key}>
            <mark>{f.text}</mark> — {CONFIDENTIALITY_LABELS[f.kind]}.{' '}
            <button type="button" className="button button--small" onClick={() => onReplace(f)}>
              Replace with “{f.replacement}”
            </button>{' '}
            <label className="checkbox">
              <input type="checkbox" checked={confirmed.has(f.key)} onChange={(e) => onConfirm(f.key, e.target.checked)} /> Keep “{f.text}”: it identifies no one
            </label>
          </li>
        ))}
      </ul>
    </section>
  );
}
