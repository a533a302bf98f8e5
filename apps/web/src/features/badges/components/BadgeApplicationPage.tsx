import { useMemo, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { applyReplacements, BADGE_LIMITS, checkConfidentiality, CONFIDENTIALITY_LABELS, countWords, type BadgeProgressResponse, type ConfidentialityFinding } from '@als/shared';
import { TextAreaField } from '@web/ui/Field';
import { fieldError, FormError } from '@web/ui/FormError';
import { LoadError, Loading, Page } from '@web/ui/Page';
import { useApplyForBadge, useBadgeProgress } from '@web/features/badges/api/badges';

/** The statement with each possible identifier marked, for the person to see where they are. */
function Highlighted({ text, findings }: { text: string; findings: ConfidentialityFinding[] }) {
  const parts: React.ReactNode[] = [];
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

function Findings({ findings, confirmed, onReplace, onConfirm }: { findings: ConfidentialityFinding[]; confirmed: Set<string>; onReplace: (f: ConfidentialityFinding) => void; onConfirm: (key: string, keep: boolean) => void }) {
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

function Criteria({ progress }: { progress: BadgeProgressResponse }) {
  const { criteria } = progress.badge;
  return (
    <ul className="rules" aria-label="Criteria">
      <li>
        Meetings attended: {progress.meetingsAttended} of {criteria.minMeetings} {progress.meetingsAttended >= criteria.minMeetings ? '✓' : '(not yet)'}
      </li>
      {criteria.presented && <li>Presented a problem at least once: {progress.presented ? 'yes ✓' : 'not yet'}</li>}
      <li>A reflective statement of at least {criteria.minWords} words</li>
    </ul>
  );
}

function ApplicationForm({ setId, progress, initial }: { setId: string; progress: BadgeProgressResponse; initial: string }) {
  const apply = useApplyForBadge(setId);
  const [statement, setStatement] = useState(initial);
  const [declaration, setDeclaration] = useState(false);
  const [publicEvidence, setPublicEvidence] = useState(false);
  const [showName, setShowName] = useState(false);
  const [confirmed, setConfirmed] = useState<Set<string>>(new Set());
  const findings = useMemo(() => checkConfidentiality(statement), [statement]);
  const words = countWords(statement);
  const minWords = progress.badge.criteria.minWords;
  const unresolved = findings.filter((f) => !confirmed.has(f.key));
  const error = apply.error;
  function submit(event: FormEvent) {
    event.preventDefault();
    apply.mutate({ statement, declaration: declaration as true, publicEvidence, showName, confirmedFindings: [...confirmed].filter((key) => findings.some((f) => f.key === key)) });
  }
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Apply for the badge">
      <FormError error={error} />
      {progress.badge.prompts.length > 0 && (
        <div>
          <h3>Answer these in your statement</h3>
          <ol>
            {progress.badge.prompts.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ol>
        </div>
      )}
      <TextAreaField label="Your reflective statement" name="statement" rows={12} maxLength={BADGE_LIMITS.statement} value={statement} onChange={(e) => setStatement(e.target.value)} error={fieldError(error, 'statement')} hint="Write about your own learning; leave out anything that could identify the people you work with." />
      <p className={words >= minWords ? 'notice-line hint--good' : 'notice-line'} aria-live="polite">
        {words} of {minWords} words{words >= minWords ? ': enough.' : '.'}
      </p>
      {findings.length > 0 && (
        <>
          <Highlighted text={statement} findings={findings} />
          <Findings
            findings={findings}
            confirmed={confirmed}
            onReplace={(f) => setStatement((s) => applyReplacements(s, checkConfidentiality(s).filter((x) => x.key === f.key)))}
            onConfirm={(key, keep) => setConfirmed((c) => { const next = new Set(c); if (keep) next.add(key); else next.delete(key); return next; })}
          />
        </>
      )}
      <label className="checkbox">
        <input type="checkbox" checked={declaration} onChange={(e) => setDeclaration(e.target.checked)} aria-describedby={fieldError(error, 'declaration') ? 'declaration-error' : undefined} /> This statement is my own work
      </label>
      {fieldError(error, 'declaration') && (
        <p id="declaration-error" className="field__error">
          {fieldError(error, 'declaration')}
        </p>
      )}
      <label className="checkbox">
        <input type="checkbox" checked={publicEvidence} onChange={(e) => setPublicEvidence(e.target.checked)} /> Put my statement in the credential as public evidence
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={showName} onChange={(e) => setShowName(e.target.checked)} /> Show my name in the credential
      </label>
      {publicEvidence && unresolved.length > 0 && (
        <p className="alert alert--warning" role="note">
          {unresolved.length === 1 ? 'One possible identifier is' : `${unresolved.length} possible identifiers are`} not resolved yet: replace or confirm {unresolved.length === 1 ? 'it' : 'each'} before submitting public evidence.
        </p>
      )}
      {['meetingsAttended', 'presented'].map((field) => fieldError(error, field) && <p key={field} className="alert alert--error" role="alert">{fieldError(error, field)}</p>)}
      <div className="form__buttons">
        <button type="submit" className="button" disabled={apply.isPending}>
          {apply.isPending ? 'Sending…' : 'Send my application'}
        </button>
      </div>
    </form>
  );
}

/** A member's page for the set's badge: what they have done, what is missing, and their application. */
export function BadgeApplicationPage() {
  const { setId = '' } = useParams();
  const progress = useBadgeProgress(setId);
  if (progress.isPending) return <Loading what="your progress" />;
  if (progress.isError) return <LoadError error={progress.error} />;
  const data = progress.data;
  const application = data.application;
  const eligible = data.unmet.length === 0;
  return (
    <Page title={`Badge: ${data.badge.name}`}>
      <p>
        <Link to={`/sets/${setId}`}>Back to the set</Link>
      </p>
      <div className="columns">
        <div>
          <img src={data.badge.imageUrl} alt={`The badge: ${data.badge.name}`} width={120} height={120} />
        </div>
        <div>
          <p className="prose">{data.badge.description}</p>
          <Criteria progress={data} />
        </div>
      </div>
      {data.credentialId ? (
        <p className="alert alert--ok" role="status">
          You hold this badge. <Link to="/credentials">See it in My credentials</Link> · <a href={`/credentials/${data.credentialId}`}>its public page</a>
        </p>
      ) : application?.status === 'submitted' ? (
        <section className="panel" aria-label="Your application">
          <p className="alert alert--ok" role="status">
            Your application is waiting for the facilitator (sent {new Date(application.submittedAt).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })}, {application.wordCount} words).
          </p>
          <p className="prose">{application.statement}</p>
        </section>
      ) : !eligible ? (
        <section className="panel" aria-label="What is missing">
          <p className="alert alert--warning" role="note">
            Not yet: {data.unmet.map((u) => u.message).join('; ')}.
          </p>
        </section>
      ) : (
        <section className="panel" aria-label="Your application">
          {application?.status === 'returned' && (
            <p className="alert alert--warning" role="note">
              The facilitator returned your application: “{application.feedback}”. Change your statement and send it again.
            </p>
          )}
          <ApplicationForm key={application ? `${application.id}:${application.status}` : 'new'} setId={setId} progress={data} initial={application?.status === 'returned' ? application.statement : ''} />
        </section>
      )}
    </Page>
  );
}
