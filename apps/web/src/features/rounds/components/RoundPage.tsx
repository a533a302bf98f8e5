import { Link, useParams } from 'react-router';
import { ROUND_PHASE_ASK, ROUND_PHASE_LABELS, ROUND_PHASES, type MeResponse, type RoundContributionResponse, type RoundPhaseName, type TimedPhase } from '@als/shared';
import { ApiError } from '@web/api/client';
import { useRound } from '@web/features/rounds/api/rounds';
import { formatDeadline } from '@web/features/rounds/format';
import { KIND_LABELS } from '@web/features/rounds/labels';
import { useSet } from '@web/features/sets/api/sets';
import { LoadError, Loading, Page } from '@web/ui/Page';
import { AnswerForms } from './AnswerForms';
import { ContributionForm } from './ContributionForm';
import { ModeratorPanel } from './ModeratorPanel';
import { Timeline } from './Timeline';

/** An asynchronous round: its timeline, the case, what was written in each phase, writing, and moderating. */
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
  // An answer to one question is shown under it; the answers phase lists general answers only.
  const byPhase = (phase: RoundPhaseName) => data.contributions.filter((c) => c.phase === phase && c.replyToId === null);
  const answersTo = (questionId: string) => data.contributions.filter((c) => c.replyToId === questionId);
  // The presenter, in the answers phase, answers each clarifying question on its own.
  const answering = data.canContribute && isPresenter && data.phase === 'answers' && data.contributions.some((c) => c.phase === 'clarifying');
  const mine = data.owed.find((o) => o.userId === me.id);
  // Answering one by one, the presenter has written once every question has its answer.
  const unanswered = answering ? data.contributions.filter((q) => q.phase === 'clarifying' && !data.contributions.some((a) => a.replyToId === q.id)).length : 0;
  const written = Boolean(mine?.done) && unanswered === 0;
  const said = (c: RoundContributionResponse) => (
    <>
      <p className="prose">{c.body}</p>
      <p className="muted">
        {c.authorId === me.id ? 'You' : c.authorName}
        {c.replyToId ? ' answered' : ''}
        {c.via === 'email' ? ', by e-mail' : ''} · {formatDeadline(c.createdAt, zone)}
        {moderating && c.kind && c.kind !== 'open' ? ` · ${KIND_LABELS[c.kind]}` : ''}
      </p>
    </>
  );
  return (
    <Page title={data.title} actions={<Link to={`/sets/${data.setId}`}>Back to {set.data?.name ?? 'the set'}</Link>}>
      <p className="meta">
        Presented by {isPresenter ? 'you' : data.presenterName} · <span className="badge">{data.paused ? 'Paused' : ROUND_PHASE_LABELS[data.phase]}</span>
      </p>
      <Timeline round={data} zone={zone} />
      {data.phase !== 'closed' && (
        <div className={mine && !written ? 'alert alert--warning' : 'alert alert--ok'} role="note">
          {mine ? (written ? 'You have written in this phase. Thank you.' : `Needed from you by ${formatDeadline(data.phases.find((p) => p.name === data.phase)!.endsAt, zone)}: ${ROUND_PHASE_ASK[data.phase as TimedPhase][isPresenter ? 'presenter' : 'members']}`) : ROUND_PHASE_ASK[data.phase as TimedPhase][isPresenter ? 'presenter' : 'members']}
          {data.replyAddress && <span className="muted"> You can also reply by e-mail to the round's messages.</span>}
        </div>
      )}
      <section className="panel" aria-labelledby="case-title">
        <h2 id="case-title">The case</h2>
        <p className="prose">{data.caseText}</p>
      </section>
      {ROUND_PHASES.filter((p) => p !== 'case' && byPhase(p).length > 0 && !(p === 'clarifying' && answering)).map((phase) => (
        <section key={phase} className="panel" aria-label={ROUND_PHASE_LABELS[phase]}>
          <h2>{ROUND_PHASE_LABELS[phase]}</h2>
          <ul className="contributions">
            {byPhase(phase).map((c) => (
              <li key={c.id}>
                {said(c)}
                {/* Answers given one by one stay with their question. */}
                {phase === 'clarifying' && answersTo(c.id).length > 0 && (
                  <ul className="contributions contributions--answers" aria-label={`Answers to: ${c.body}`}>
                    {answersTo(c.id).map((a) => (
                      <li key={a.id}>
                        {said(a)}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
      {/* Where to write comes after what it answers (the case, the questions), so on a phone one reads first. */}
      {answering ? <AnswerForms round={data} zone={zone} /> : data.canContribute && <ContributionForm round={data} isPresenter={isPresenter} />}
      {(mine?.done || data.contributions.some((c) => c.authorId === me.id)) && (
        <p>
          <Link to={`/learning-log?roundId=${data.id}`}>Write about it in your learning log</Link> <span className="muted">(and change the hours your CPD record gives it)</span>
        </p>
      )}
      {moderating && set.data && <ModeratorPanel round={data} zone={zone} members={set.data.members.filter((m) => m.role !== 'sponsor')} />}
    </Page>
  );
}
