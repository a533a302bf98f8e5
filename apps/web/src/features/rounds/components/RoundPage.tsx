import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  classifyQuestion,
  isQuestionPhase,
  ROUND_LIMITS,
  ROUND_PHASE_ASK,
  ROUND_PHASE_LABELS,
  ROUND_PHASES,
  type MeResponse,
  type RoundDetailResponse,
  type RoundPhaseName,
  type TimedPhase,
} from '@als/shared';
import { ApiError } from '@web/api/client';
import { useContribute, useModerateRound, useRound, useRoundDeliveries } from '@web/features/rounds/api/rounds';
import { useSet } from '@web/features/sets/api/sets';
import { ConfirmButton } from '@web/ui/ConfirmButton';
import { SelectField, TextField } from '@web/ui/Field';
import { FormError } from '@web/ui/FormError';
import { LoadError, Loading, Page } from '@web/ui/Page';
import { formatDeadline, localInputValue } from '@web/features/rounds/format';
import { ConfidentialityHint } from '@web/features/badges/components/ConfidentialityHint';

const KIND_LABELS = { open: 'open question', closed: 'closed question', leading: 'leading question', advice: 'advice in disguise' } as const;

/** The phases as a timeline: done, now, to come, each with its deadline in the reader's zone. */
function Timeline({ round, zone }: { round: RoundDetailResponse; zone: string }) {
  const currentIndex = round.phase === 'closed' ? ROUND_PHASES.length : ROUND_PHASES.indexOf(round.phase);
  return (
    <ol className="timeline" aria-label="Phases">
      {round.phases.map((p, i) => {
        const state = i < currentIndex ? 'done' : i === currentIndex ? 'now' : 'later';
        return (
          <li key={p.name} className={`timeline__step timeline__step--${state}`} aria-current={state === 'now' ? 'step' : undefined}>
            <strong>{ROUND_PHASE_LABELS[p.name]}</strong>
            <span className="muted">
              {p.name === 'case' ? formatDeadline(round.createdAt, zone) : state === 'done' ? `closed ${formatDeadline(p.closedAt ?? p.endsAt, zone)}` : `until ${formatDeadline(p.endsAt, zone)}`}
            </span>
            {state === 'now' && round.paused && <span className="badge">Paused</span>}
          </li>
        );
      })}
    </ol>
  );
}

/** Writing in the current phase, with a coaching hint for questions as they are typed (it never blocks). */
function ContributionForm({ round, isPresenter }: { round: RoundDetailResponse; isPresenter: boolean }) {
  const contribute = useContribute(round.id);
  const [body, setBody] = useState('');
  const [clientId, setClientId] = useState(() => crypto.randomUUID());
  const coaching = useMemo(() => (isQuestionPhase(round.phase) && body.trim().length > 8 ? classifyQuestion(body) : null), [body, round.phase]);
  const label = round.phase === 'actions' && isPresenter ? 'Your actions, one per line' : isQuestionPhase(round.phase) ? 'Your question' : round.phase === 'actions' ? 'A closing word (optional)' : 'What you write';
  return (
    <form
      className="form"
      aria-label="Write in this phase"
      onSubmit={(event) => {
        event.preventDefault();
        // The same clientId on a retry: the contribution is stored once.
        contribute.mutate(
          { body, clientId },
          {
            onSuccess: () => {
              setBody('');
              setClientId(crypto.randomUUID());
            },
          },
        );
      }}
    >
      <div className="field">
        <label htmlFor="contribution">{label}</label>
        <textarea id="contribution" rows={5} maxLength={ROUND_LIMITS.body} value={body} onChange={(e) => setBody(e.target.value)} aria-describedby={coaching?.reason ? 'coaching' : undefined} />
        <ConfidentialityHint text={body} />
      </div>
      {coaching && coaching.kind !== 'open' && (
        <p id="coaching" className="alert alert--warning" role="status">
          This reads as {KIND_LABELS[coaching.kind]}: {coaching.reason} You can still send it.
        </p>
      )}
      <FormError error={contribute.error} />
      {contribute.isSuccess && (
        <p role="status" className="alert alert--ok">
          Added to the round.
        </p>
      )}
      <div className="form__buttons">
        <button type="submit" className="button" disabled={!body.trim() || contribute.isPending}>
          {contribute.isPending ? 'Sending…' : 'Add to the round'}
        </button>
      </div>
    </form>
  );
}

const DELIVERY_LABELS = { pending: 'Waiting to go', sending: 'Sending', sent: 'Sent', failed: 'Could not be sent' } as const;

/** The round's e-mails and where each stands, opened on demand. */
function Deliveries({ roundId }: { roundId: string }) {
  const [open, setOpen] = useState(false);
  const deliveries = useRoundDeliveries(roundId, open);
  return (
    <details onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>E-mails of this round</summary>
      {deliveries.isPending && open && <Loading what="the e-mails" />}
      {deliveries.isError && <LoadError error={deliveries.error} />}
      {deliveries.data && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">To</th>
              <th scope="col">Status</th>
              <th scope="col">Tries</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.data.map((d, i) => (
              <tr key={i}>
                <td>{d.to}</td>
                <td>
                  {DELIVERY_LABELS[d.status]}
                  {d.lastError && d.status !== 'sent' ? ` (${d.lastError})` : ''}
                </td>
                <td>{d.attempts}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}

/** For the moderator (and facilitators): who still owes what, and the round's controls. */
function ModeratorPanel({ round, members, zone }: { round: RoundDetailResponse; members: { userId: string; displayName: string }[]; zone: string }) {
  const moderate = useModerateRound(round.id);
  const current = round.phases.find((p) => p.name === round.phase);
  const [endsAt, setEndsAt] = useState(() => {
    if (!current) return '';
    // A day later, at the same time of day.
    const later = new Date(current.endsAt);
    later.setDate(later.getDate() + 1);
    return localInputValue(later);
  });
  const [moderatorId, setModeratorId] = useState(round.moderatorId ?? members[0]?.userId ?? '');
  if (round.phase === 'closed') return null;
  return (
    <section className="panel" aria-labelledby="moderator-title">
      <h2 id="moderator-title">Moderating</h2>
      <h3>Who owes what in {ROUND_PHASE_LABELS[round.phase]}</h3>
      {round.owed.length === 0 ? (
        <p className="muted">Nothing is owed in this phase: members may add a closing word.</p>
      ) : (
        <ul>
          {round.owed.map((o) => (
            <li key={o.userId}>
              {o.displayName}: {o.done ? <span className="badge badge--ok">Done</span> : <span className="badge">Still to write</span>}
            </li>
          ))}
        </ul>
      )}
      <FormError error={moderate.error} />
      <div className="form__buttons">
        {round.paused ? (
          <button type="button" className="button" disabled={moderate.isPending} onClick={() => moderate.mutate({ kind: 'resume' })}>
            Resume
          </button>
        ) : (
          <>
            <button type="button" className="button button--quiet" disabled={moderate.isPending} onClick={() => moderate.mutate({ kind: 'advance' })}>
              End this phase now
            </button>
            <button type="button" className="button button--quiet" disabled={moderate.isPending} onClick={() => moderate.mutate({ kind: 'pause' })}>
              Pause
            </button>
          </>
        )}
        <ConfirmButton label="Close the round" confirmLabel="Yes, close the round" disabled={moderate.isPending} onConfirm={() => moderate.mutate({ kind: 'close' })} />
      </div>
      <Deliveries roundId={round.id} />
      <form
        className="form form--inline"
        aria-label="Extend the deadline"
        onSubmit={(event) => {
          event.preventDefault();
          moderate.mutate({ kind: 'extend', endsAt: new Date(endsAt).toISOString() });
        }}
      >
        <TextField label={`New deadline for ${ROUND_PHASE_LABELS[round.phase]} (your time)`} hint={current ? `Now ${formatDeadline(current.endsAt, zone)}; later deadlines move by as much.` : undefined} type="datetime-local" value={endsAt} onChange={(e) => setEndsAt(e.target.value)} />
        <button type="submit" className="button button--quiet" disabled={!endsAt || moderate.isPending}>
          Extend
        </button>
      </form>
      <form
        className="form form--inline"
        aria-label="Hand over moderation"
        onSubmit={(event) => {
          event.preventDefault();
          moderate.mutate({ kind: 'moderator', userId: moderatorId });
        }}
      >
        <SelectField label="Moderator" value={moderatorId} onChange={(e) => setModeratorId(e.target.value)} options={members.map((m) => ({ value: m.userId, label: m.displayName }))} />
        <button type="submit" className="button button--quiet" disabled={moderatorId === round.moderatorId || moderate.isPending}>
          Hand over
        </button>
      </form>
    </section>
  );
}

export function RoundPage({ me }: { me: MeResponse }) {
  const { roundId = '' } = useParams();
  const round = useRound(roundId);
  const set = useSet(round.data?.setId ?? '');
  if (round.isPending) return <Loading what="the round" />;
  if (round.isError) {
    const status = round.error instanceof ApiError ? round.error.status : 0;
    return (
      <Page title={status === 404 ? 'Round not found' : 'This round is not for you'}>
        {status === 404 || status === 403 ? <p>{status === 404 ? 'This round does not exist, or you are not in its set.' : 'Sponsors see that a set works, never its cases.'}</p> : <LoadError error={round.error} />}
        <p>
          <Link to="/">Back to my sets</Link>
        </p>
      </Page>
    );
  }
  const data = round.data;
  const zone = me.timeZone;
  const isPresenter = data.presenterId === me.id;
  const moderating = data.moderatorId === me.id || set.data?.role === 'facilitator';
  const byPhase = (phase: RoundPhaseName) => data.contributions.filter((c) => c.phase === phase);
  const mine = data.owed.find((o) => o.userId === me.id);
  return (
    <Page title={data.title} actions={<Link to={`/sets/${data.setId}`}>Back to {set.data?.name ?? 'the set'}</Link>}>
      <p className="meta">
        Presented by {isPresenter ? 'you' : data.presenterName} · <span className="badge">{data.paused ? 'Paused' : ROUND_PHASE_LABELS[data.phase]}</span>
      </p>
      <Timeline round={data} zone={zone} />
      {data.phase !== 'closed' && (
        <div className={mine && !mine.done ? 'alert alert--warning' : 'alert alert--ok'} role="note">
          {mine ? (mine.done ? 'You have written in this phase. Thank you.' : `Needed from you by ${formatDeadline(data.phases.find((p) => p.name === data.phase)!.endsAt, zone)}: ${ROUND_PHASE_ASK[data.phase as TimedPhase][isPresenter ? 'presenter' : 'members']}`) : ROUND_PHASE_ASK[data.phase as TimedPhase][isPresenter ? 'presenter' : 'members']}
          {data.replyAddress && <span className="muted"> You can also reply by e-mail to the round's messages.</span>}
        </div>
      )}
      {data.canContribute && <ContributionForm round={data} isPresenter={isPresenter} />}
      <section className="panel" aria-labelledby="case-title">
        <h2 id="case-title">The case</h2>
        <p className="prose">{data.caseText}</p>
      </section>
      {ROUND_PHASES.filter((p) => p !== 'case' && byPhase(p).length > 0).map((phase) => (
        <section key={phase} className="panel" aria-label={ROUND_PHASE_LABELS[phase]}>
          <h2>{ROUND_PHASE_LABELS[phase]}</h2>
          <ul className="contributions">
            {byPhase(phase).map((c) => (
              <li key={c.id}>
                <p className="prose">{c.body}</p>
                <p className="muted">
                  {c.authorId === me.id ? 'You' : c.authorName}
                  {c.via === 'email' ? ', by e-mail' : ''} · {formatDeadline(c.createdAt, zone)}
                  {moderating && c.kind && c.kind !== 'open' ? ` · ${KIND_LABELS[c.kind]}` : ''}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ))}
      {moderating && set.data && <ModeratorPanel round={data} zone={zone} members={set.data.members.filter((m) => m.role !== 'sponsor')} />}
    </Page>
  );
}
