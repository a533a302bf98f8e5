import { useEffect, type ReactNode } from 'react';
import { errorMessage } from './errorMessages';
import { headingMounted } from './pageFocus';

/** A page with its heading; the browser tab names the page too. */
export function Page({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Action learning sets`;
  }, [title]);
  useEffect(headingMounted, []);
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page__header">
        <h1 id="page-title" tabIndex={-1}>{title}</h1>
        {actions && <div className="page__actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="muted" role="status">
      Loading {what}…
    </p>
  );
}

/** A query that failed: its message by code (`errorMessages.ts`), else the API's. */
export function LoadError({ error }: { error: unknown }) {
  return (
    <p className="alert alert--error" role="alert">
      {errorMessage(error)}
    </p>
  );
}
