import { formatDay, REVIEW_PROMPT_LABELS, REVIEW_PROMPTS, type SessionRecordResponse } from '@als/shared';
import { useSessionRecord } from '@web/features/live/api/sessionRecord';
import { LoadError } from '@web/ui/Page';
import { formatRemaining } from './Timer';

/** What the live session left: questions (helpful ones marked), reflections, actions, airtime and the process review. */
export function SessionRecord({ meetingId }: { meetingId: string }) {
  const record = useSessionRecord(meetingId, true);
  if (record.isError) return <LoadError error={record.error} />;
  if (!record.data) return null;
  const r: SessionRecordResponse = record.data;
  const name = (id: string) => r.participants.find((p) => p.userId === id)?.displayName ?? 'A former member';
  const offers = r.offers ?? [];
  const words = r.reviewWords ?? [];
  const presenters = [...new Set([...r.questions.map((q) => q.presenterId), ...r.reflections.map((x) => x.presenterId), ...offers.map((o) => o.presenterId), ...r.actions.map((a) => a.presenterId)])];
  return (
    <section className="panel" aria-labelledby="record-title">
      <h2 id="record-title">Session record</h2>
      <p className="muted">
        {r.endedAt ? `Held ${new Date(r.startedAt ?? r.endedAt).toLocaleDateString('en-GB')}.` : 'In progress.'} Members of the set only; sponsors never see it.
        {r.withheld.length > 0 && ` ${r.withheld.map(name).join(', ')} asked for their case not to be kept: its questions and reflections are not here.`}
      </p>
      <p>
        Present: {r.attendance.present.map((p) => `${name(p.userId)}${p.inRoom ? ' (in the room)' : ''}`).join(', ') || 'nobody recorded'}.
        {r.attendance.apologies.length > 0 && ` Apologies: ${r.attendance.apologies.map(name).join(', ')}.`}
      </p>
      {presenters.map((id) => (
        <div key={id} className="record__case">
          <h3>{name(id)}'s case</h3>
          {r.questions.filter((q) => q.presenterId === id).length > 0 && (
            <ol className="questions">
              {r.questions
                .filter((q) => q.presenterId === id)
                .map((q, i) => (
                  <li key={i} className={q.helpful ? 'question question--helpful' : 'question'}>
                    <span>{q.text}</span> <span className="muted">— {name(q.askerId)}{q.helpful ? ', marked helpful' : ''}</span>
                  </li>
                ))}
            </ol>
          )}
          {r.reflections.filter((x) => x.presenterId === id).map((x, i) => <blockquote key={i}>{x.text}</blockquote>)}
          {offers.filter((o) => o.presenterId === id).length > 0 && (
            <ul aria-label={`Offers to ${name(id)}`}>
              {offers
                .filter((o) => o.presenterId === id)
                .map((o, i) => (
                  <li key={i}>
                    Offer: {o.text} <span className="muted">— {name(o.userId)}</span>
                  </li>
                ))}
            </ul>
          )}
          {r.actions.filter((a) => a.presenterId === id).length > 0 && (
            <ul>
              {r.actions
                .filter((a) => a.presenterId === id)
                .map((a, i) => (
                  <li key={i}>
                    Action: {a.text} <span className="muted">— {name(a.ownerId)}{a.dueAt ? `, by ${formatDay(a.dueAt)}` : ''}</span>
                  </li>
                ))}
            </ul>
          )}
        </div>
      ))}
      {r.contractAgreed && (
        <>
          <h3>Ground rules agreed</h3>
          <blockquote className="ground-rules">{r.contractAgreed.text}</blockquote>
          <p className="muted">Agreed by {r.contractAgreed.presentIds.map(name).join(', ')}.</p>
        </>
      )}
      {words.length > 0 && (
        <>
          <h3>Process review</h3>
          {REVIEW_PROMPTS.filter((p) => words.some((w) => w.prompt === p)).map((p) => (
            <div key={p}>
              <h4>{REVIEW_PROMPT_LABELS[p]}</h4>
              <ul>
                {words
                  .filter((w) => w.prompt === p)
                  .map((w, i) => (
                    <li key={i}>
                      {w.text} <span className="muted">— {w.authorId ? name(w.authorId) : 'anonymous'}</span>
                    </li>
                  ))}
              </ul>
            </div>
          ))}
        </>
      )}
      <h3>Airtime and questions</h3>
      <ul>
        {r.airtime.presenters.map((p) => (
          <li key={p.userId}>
            {name(p.userId)} presented for {formatRemaining(p.ms)}
          </li>
        ))}
        {r.airtime.questions.map((q) => (
          <li key={q.userId}>
            {name(q.userId)} asked {q.count} ({Math.round(q.share * 100)}%)
          </li>
        ))}
        {(r.airtime.voice ?? []).map((v) => (
          <li key={`voice-${v.userId}`}>
            {name(v.userId)} spoke for {formatRemaining(v.ms)} in the call
          </li>
        ))}
      </ul>
      <p className="muted">
        Questions: {Object.entries(r.questionCounts).map(([kind, n]) => `${n} ${kind}`).join(' · ')}. Process review: {r.ratings.count ? `${r.ratings.average} out of 5 from ${r.ratings.count}` : 'no ratings'}.
      </p>
      {r.checkOuts.length > 0 && <p>Check-out: {r.checkOuts.map((c) => `${name(c.userId)}: “${c.text}”`).join(' · ')}</p>}
    </section>
  );
}
