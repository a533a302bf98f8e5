import { useState } from 'react';
import { Link } from 'react-router';
import { ROUND_DEFAULT_DAYS, ROUND_LIMITS, ROUND_PHASE_LABELS, TIMED_PHASES, type MeResponse, type SetDetailResponse, type TimedPhase } from '@als/shared';
import { useOpenRound, useRounds } from '@web/features/rounds/api/rounds';
import { ConfidentialityHint } from '@web/features/badges/components/ConfidentialityHint';
import { SelectField, TextAreaField, TextField } from '@web/ui/Field';
import { fieldError, FormError } from '@web/ui/FormError';
import { LoadError, Loading } from '@web/ui/Page';
import { formatDeadline, localInputValue } from '@web/features/rounds/format';

/** The deadlines the set's rhythm gives a round opened at `from`: whole calendar days on, at the same time of day (your own zone's), across a clock change. */
export function defaultDeadlines(from: Date, rhythm: Partial<Record<TimedPhase, number>>): Record<TimedPhase, string> {
  const at = new Date(from);
  const result = {} as Record<TimedPhase, string>;
  for (const phase of TIMED_PHASES) {
    at.setDate(at.getDate() + (rhythm[phase] ?? ROUND_DEFAULT_DAYS[phase]));
    result[phase] = localInputValue(at);
  }
  return result;
}

/** Opening a round: the case, who presents it, and the phase deadlines (prefilled with the usual rhythm, editable). */
function OpenRoundForm({ set, me, onDone }: { set: SetDetailResponse; me: MeResponse; onDone: (roundId: string) => void }) {
  const open = useOpenRound(set.id);
  const [title, setTitle] = useState('');
  const [caseText, setCaseText] = useState('');
  const [presenterId, setPresenterId] = useState(me.id);
  const [deadlines, setDeadlines] = useState(() => defaultDeadlines(new Date(), set.roundPhaseDays ?? {}));
  const participants = set.members.filter((m) => m.role !== 'sponsor');
  const error = open.error;
  return (
    <form
      className="form"
      aria-label="Open a round"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const phaseDeadlines = Object.fromEntries(TIMED_PHASES.map((p) => [p, new Date(deadlines[p]).toISOString()]));
        open.mutate({ title, caseText, ...(presenterId !== me.id ? { presenterId } : {}), phaseDeadlines }, { onSuccess: (round) => onDone(round.id) });
      }}
    >
      <FormError error={error} />
      <TextField label="Title" name="title" maxLength={ROUND_LIMITS.title} value={title} onChange={(e) => setTitle(e.target.value)} error={fieldError(error, 'title')} />
      <TextAreaField label="The case" hint="What happened, what you are stuck on, and what you would like from the set. Keep people unidentifiable: use no names." name="caseText" rows={8} maxLength={ROUND_LIMITS.caseText} value={caseText} onChange={(e) => setCaseText(e.target.value)} error={fieldError(error, 'caseText')} />
      <ConfidentialityHint text={caseText} />
      {set.role === 'facilitator' && (
        <SelectField label="Presenter" hint="A facilitator can open a round on behalf of a member." name="presenterId" value={presenterId} onChange={(e) => setPresenterId(e.target.value)} options={participants.map((m) => ({ value: m.userId, label: m.userId === me.id ? `${m.displayName} (you)` : m.displayName }))} error={fieldError(error, 'presenterId')} />
      )}
      <fieldset className="form">
        <legend>Deadlines (your time, from the set's rhythm)</legend>
        {TIMED_PHASES.map((phase) => (
          <TextField key={phase} label={ROUND_PHASE_LABELS[phase]} type="datetime-local" name={phase} value={deadlines[phase]} onChange={(e) => setDeadlines((d) => ({ ...d, [phase]: e.target.value }))} error={fieldError(error, `phaseDeadlines.${phase}`)} />
        ))}
      </fieldset>
      <div className="form__buttons">
        <button type="submit" className="button" disabled={open.isPending}>
          {open.isPending ? 'Opening…' : 'Open the round'}
        </button>
      </div>
    </form>
  );
}

/** The set's asynchronous rounds: where each is, and a way to open one. */
export function RoundsPanel({ set, me, onOpened }: { set: SetDetailResponse; me: MeResponse; onOpened: (roundId: string) => void }) {
  const participant = set.role !== 'sponsor';
  const rounds = useRounds(set.id, participant);
  const [opening, setOpening] = useState(false);
  if (!participant) return null;
  return (
    <section className="panel" aria-labelledby="rounds-title">
      <div className="page__header">
        <h2 id="rounds-title">Rounds</h2>
        {!opening && set.status === 'active' && (
          <button type="button" className="button button--quiet" onClick={() => setOpening(true)}>
            Open a round
          </button>
        )}
      </div>
      <p className="muted">A case worked through over days, on the web or by replying to e-mails.</p>
      {opening && <OpenRoundForm set={set} me={me} onDone={onOpened} />}
      {rounds.isPending && <Loading what="rounds" />}
      {rounds.isError && <LoadError error={rounds.error} />}
      {rounds.data?.length === 0 && !opening && <p>No rounds yet.</p>}
      {rounds.data && rounds.data.length > 0 && (
        <ul className="rounds-list">
          {rounds.data.map((r) => {
            const current = r.phases.find((p) => p.name === r.phase);
            return (
              <li key={r.id}>
                <Link to={`/rounds/${r.id}`}>{r.title}</Link> <span className="muted">— {r.presenterName} · </span>
                <span className="badge">{r.paused ? 'Paused' : ROUND_PHASE_LABELS[r.phase]}</span>
                {current && r.phase !== 'closed' && <span className="muted"> until {formatDeadline(current.endsAt, me.timeZone)}</span>}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
