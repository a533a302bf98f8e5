import { useMemo, useState, type FormEvent } from 'react';
import { applyReplacements, BADGE_LIMITS, checkConfidentiality, countWords, type BadgeProgressResponse } from '@als/shared';
import { useApplyForBadge } from '@web/features/badges/api/badges';
import { TextAreaField } from '@web/ui/Field';
import { fieldError, FormError } from '@web/ui/FormError';
import { Findings, Highlighted } from './ConfidentialityFindings';

/** The reflective statement, checked for identifiers as it is typed, with the declaration and what to make public. */
export function ApplicationForm({ setId, progress, initial }: { setId: string; progress: BadgeProgressResponse; initial: string }) {
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
