import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { QUESTION_KINDS, type EvaluationTrendMeeting, type EvaluationTrendsResponse, type QuestionKind } from '@als/shared';
import { COLOURS, Figure } from './Figure';

const KIND_LABELS: Record<QuestionKind, string> = { open: 'Open', closed: 'Closed', leading: 'Leading', advice: 'Advice in disguise' };
const KIND_COLOURS: Record<QuestionKind, string> = { open: COLOURS.blue, closed: COLOURS.grey, leading: COLOURS.orange, advice: COLOURS.red };
const shortDate = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: '2-digit' });
const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);
const label = (m: EvaluationTrendMeeting) => `${m.number}. ${shortDate(m.startsAt)}`;
const asked = (m: EvaluationTrendMeeting) => (m.questionKinds ? QUESTION_KINDS.reduce((t, k) => t + m.questionKinds![k], 0) : null);

/** What changed from the first meeting held to the last, in a sentence. */
function changeSentence(first: EvaluationTrendMeeting, last: EvaluationTrendMeeting): string {
  const parts = [
    first.openShare !== null || last.openShare !== null ? `open questions ${pct(first.openShare)} → ${pct(last.openShare)}` : null,
    first.ratings.average !== null || last.ratings.average !== null ? `average process rating ${first.ratings.average ?? '—'} → ${last.ratings.average ?? '—'}` : null,
    first.present !== null || last.present !== null ? `people present ${first.present ?? '—'} → ${last.present ?? '—'}` : null,
  ].filter(Boolean);
  const span = `From the first meeting (${shortDate(first.startsAt)}) to the last (${shortDate(last.startsAt)})`;
  return parts.length ? `${span}: ${parts.join(', ')}.` : `${span}: no questions, ratings or presence recorded yet to compare.`;
}

/** The set's figures meeting by meeting (attendance, question mix, ratings), each chart with its table, and the commissioner's export. */
export function TrendsView({ data, setId }: { data: EvaluationTrendsResponse; setId: string }) {
  const meetings = data.meetings;
  const none = meetings.length === 0 ? 'No meeting has been held yet.' : undefined;
  const rows = meetings.map((m) => ({ name: label(m), present: m.present, apologies: m.apologies, attending: m.attending, openShare: m.openShare === null ? null : Math.round(m.openShare * 100), rating: m.ratings.average, ...Object.fromEntries(QUESTION_KINDS.map((k) => [k, m.questionKinds?.[k] ?? 0])) }));
  const { first, last } = data.change;
  return (
    <>
      <h2>Over time</h2>
      <p className="lead">{first && last ? changeSentence(first, last) : 'The change over the set shows once two meetings have been held.'}</p>
      <Figure
        title="Attendance over time"
        summary="Who was present at each meeting (in its live session or recorded in the room), and the apologies sent."
        empty={none ?? (meetings.some((m) => m.present !== null || m.apologies > 0) ? undefined : 'No one has been recorded present yet.')}
        table={{ head: ['Meeting', 'Present', 'Replied attending', 'Apologies'], rows: meetings.map((m) => [label(m), m.present ?? 'no session', m.attending, m.apologies]) }}
      >
        <LineChart data={rows}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="name" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend />
          <Line type="monotone" dataKey="present" name="Present" stroke={COLOURS.green} strokeWidth={2} connectNulls />
          <Line type="monotone" dataKey="apologies" name="Apologies" stroke={COLOURS.orange} strokeWidth={2} strokeDasharray="6 3" />
        </LineChart>
      </Figure>
      <Figure
        title="Question mix over time"
        summary="The kinds of question asked at each meeting: a growing share of open questions is the set learning to question well."
        empty={none ?? (meetings.some((m) => (asked(m) ?? 0) > 0) ? undefined : 'No questions recorded yet.')}
        table={{ head: ['Meeting', ...QUESTION_KINDS.map((k) => KIND_LABELS[k]), 'Open share'], rows: meetings.map((m) => [label(m), ...QUESTION_KINDS.map((k) => m.questionKinds?.[k] ?? '—'), pct(m.openShare)]) }}
      >
        <BarChart data={rows}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="name" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend />
          {QUESTION_KINDS.map((k) => (
            <Bar key={k} dataKey={k} stackId="kinds" name={KIND_LABELS[k]} fill={KIND_COLOURS[k]} />
          ))}
        </BarChart>
      </Figure>
      <Figure
        title="Process review ratings over time"
        summary="The average of the ratings (1 to 5) given at each meeting’s process review."
        empty={meetings.some((m) => m.ratings.count > 0) ? undefined : 'No process review ratings yet.'}
        table={{ head: ['Meeting', 'Ratings', 'Average'], rows: meetings.map((m) => [label(m), m.ratings.count, m.ratings.average ?? '—']) }}
      >
        <LineChart data={rows}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="name" />
          <YAxis domain={[0, 5]} allowDecimals={false} />
          <Tooltip />
          <Line type="monotone" dataKey="rating" name="Average rating" stroke={COLOURS.blue} strokeWidth={2} connectNulls />
        </LineChart>
      </Figure>
      <section className="panel" aria-labelledby="commissioner-export-title">
        <h2 id="commissioner-export-title">For commissioners</h2>
        <p className="muted">The figures meeting by meeting, with the change over the set: no case content and no names, ever. Each download is recorded in the set’s audit log.</p>
        <p className="form__buttons">
          <a className="button button--quiet" href={`/api/sets/${setId}/evaluation/export?format=pdf`} download>
            Download the report (PDF)
          </a>
          <a className="button button--quiet" href={`/api/sets/${setId}/evaluation/export?format=csv`} download>
            Download the figures (CSV)
          </a>
        </p>
        <p className="muted">{meetings.length ? `${meetings.length} ${meetings.length === 1 ? 'meeting' : 'meetings'} held, ${meetings.reduce((t, m) => t + (asked(m) ?? 0), 0)} questions recorded.` : ''}</p>
      </section>
    </>
  );
}
