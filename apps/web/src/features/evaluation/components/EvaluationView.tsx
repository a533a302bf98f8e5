import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { QUESTION_KINDS, type EvaluationResponse, type QuestionKind } from '@als/shared';
import { describeEquity } from '@web/features/evaluation/equity';
import { COLOURS, Figure } from './Figure';

const KIND_LABELS: Record<QuestionKind, string> = { open: 'Open', closed: 'Closed', leading: 'Leading', advice: 'Advice in disguise' };
const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const signed = (x: number) => (x > 0 ? `+${x}` : String(x));
const shortDate = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: '2-digit' });

/** The evaluation's figures: key figures, attendance, airtime (facilitators), questions, ratings, actions, self-assessment. */
export function EvaluationView({ data, facilitator }: { data: EvaluationResponse; facilitator: boolean }) {
  const meetings = data.meetings.map((m) => ({ name: shortDate(m.startsAt), attending: m.attending, apologies: m.apologies, present: m.present ?? 0 }));
  const kinds = QUESTION_KINDS.map((k) => ({ name: KIND_LABELS[k], count: data.questionKinds[k] }));
  const totalQuestions = kinds.reduce((a, b) => a + b.count, 0);
  const openShare = totalQuestions ? Math.round((data.questionKinds.open / totalQuestions) * 100) : null;
  const ratings = data.ratings.distribution.map((count, i) => ({ name: String(i + 1), count }));
  const assessment = data.selfAssessment.statements.map((s) => ({ name: s.id, text: s.text, start: s.start, end: s.end }));
  const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);
  return (
    <>
      <ul className="stats" aria-label="Key figures">
        <li>
          <span className="stats__figure">{data.meetings.length}</span> {data.meetings.length === 1 ? 'meeting' : 'meetings'} held
        </li>
        <li>
          <span className="stats__figure">{openShare === null ? '—' : `${openShare}%`}</span> of questions open
        </li>
        <li>
          <span className="stats__figure">{data.ratings.average ?? '—'}</span> average process rating (of 5)
        </li>
        <li>
          <span className="stats__figure">{pct(data.actions.completionRate)}</span> of actions reported done
        </li>
      </ul>

      <Figure
        title="Attendance per meeting"
        summary="Replies before each meeting, and who joined its live session."
        empty={data.meetings.length === 0 ? 'No meeting has been held yet.' : undefined}
        table={{ head: ['Meeting', 'Replied attending', 'Apologies (late)', 'In the live session'], rows: data.meetings.map((m) => [shortDate(m.startsAt), m.attending, `${m.apologies} (${m.lateApologies})`, m.present ?? 'no live session']) }}
      >
        <BarChart data={meetings}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="name" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend />
          <Bar dataKey="attending" name="Replied attending" fill={COLOURS.blue} />
          <Bar dataKey="apologies" name="Apologies" fill={COLOURS.orange} />
          <Bar dataKey="present" name="In the live session" fill={COLOURS.green} />
        </BarChart>
      </Figure>

      {facilitator && data.members && (
        <Figure
          title="Airtime and questions per member"
          summary={
            <>
              Airtime was {describeEquity(data.equity.airtime)}; questions were {describeEquity(data.equity.questions)}.
              {data.members.some((m) => m.former) && ' People who took part and have since left the set stay in the figures as “a former member”, never by name.'}
            </>
          }
          table={{ head: ['Member', 'Meetings present', 'Times presented', 'Airtime (minutes)', 'Voice in the call (minutes)', 'Questions asked'], rows: data.members.map((m) => [m.displayName, m.meetingsPresent, m.presented, m.airtimeMinutes, m.voiceMinutes, m.questions]) }}
        >
          <BarChart data={data.members.map((m) => ({ name: m.displayName, airtime: m.airtimeMinutes, questions: m.questions }))}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="name" />
            <YAxis yAxisId="minutes" allowDecimals={false} label={{ value: 'minutes', angle: -90, position: 'insideLeft' }} />
            <YAxis yAxisId="questions" orientation="right" allowDecimals={false} label={{ value: 'questions', angle: 90, position: 'insideRight' }} />
            <Tooltip />
            <Legend />
            <Bar yAxisId="minutes" dataKey="airtime" name="Airtime (minutes)" fill={COLOURS.blue} />
            <Bar yAxisId="questions" dataKey="questions" name="Questions asked" fill={COLOURS.orange} />
          </BarChart>
        </Figure>
      )}
      {!facilitator && (
        <p className="muted">
          Airtime was {describeEquity(data.equity.airtime)}; questions were {describeEquity(data.equity.questions)}. Figures per member are for the set's facilitators.
        </p>
      )}

      <div className="columns">
        <Figure title="Kinds of question" summary="Open questions help a presenter think; closed, leading and advice-in-disguise questions less so." empty={totalQuestions === 0 ? 'No questions recorded yet.' : undefined} table={{ head: ['Kind', 'Questions'], rows: kinds.map((k) => [k.name, k.count]) }}>
          <BarChart data={kinds} layout="vertical" margin={{ left: 40 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis type="number" allowDecimals={false} />
            <YAxis type="category" dataKey="name" width={130} />
            <Tooltip />
            <Bar dataKey="count" name="Questions" fill={COLOURS.blue} />
          </BarChart>
        </Figure>
        <Figure title="Process review ratings" summary={`${count(data.ratings.count, 'rating', 'ratings')}${data.ratings.average === null ? '' : `, average ${data.ratings.average} of 5`}.`} empty={data.ratings.count === 0 ? 'No process review ratings yet.' : undefined} table={{ head: ['Rating', 'How many'], rows: ratings.map((r) => [r.name, r.count]) }}>
          <BarChart data={ratings}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="name" label={{ value: 'rating', position: 'insideBottom', offset: -2 }} />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Bar dataKey="count" name="Ratings" fill={COLOURS.green} />
          </BarChart>
        </Figure>
      </div>

      <section className="panel" aria-labelledby="actions-figures-title">
        <h2 id="actions-figures-title">Actions</h2>
        <p>
          {count(data.actions.total, 'action', 'actions')} committed to: {data.actions.done} done, {data.actions.partly} partly done, {data.actions.notDone} not done, {data.actions.open} still open. Completion rate (done of those reported on): {pct(data.actions.completionRate)}.
        </p>
      </section>

      <Figure
        title="Self-assessment, before and after"
        summary={`Average scores from 1 to 5: ${count(data.selfAssessment.responses.start, 'answer', 'answers')} at the start, ${data.selfAssessment.responses.end} at the end.`}
        empty={data.selfAssessment.responses.start + data.selfAssessment.responses.end === 0 ? 'No one has filled in the self-assessment yet: members find it on the set’s page.' : undefined}
        table={{ head: ['Statement', 'Start', 'End', 'Change'], rows: assessment.map((a) => [a.text, a.start ?? '—', a.end ?? '—', a.start !== null && a.end !== null ? signed(Math.round((a.end - a.start) * 100) / 100) : '—']) }}
      >
        <BarChart data={assessment}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="name" />
          <YAxis domain={[0, 5]} allowDecimals={false} />
          <Tooltip />
          <Legend />
          <Bar dataKey="start" name="At the start" fill={COLOURS.grey} />
          <Bar dataKey="end" name="At the end" fill={COLOURS.blue} />
        </BarChart>
      </Figure>
    </>
  );
}
