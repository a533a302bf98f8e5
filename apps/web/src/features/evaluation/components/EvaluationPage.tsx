import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { QUESTION_KINDS, type AuditEntryResponse, type EvaluationResponse, type QuestionKind } from '@als/shared';
import { ApiError } from '@web/api/client';
import { useAuditLog, useEvaluation } from '@web/features/evaluation/api/evaluation';
import { useSet } from '@web/features/sets/api/sets';
import { LoadError, Loading, Page } from '@web/ui/Page';
import { ConfidentialityCountsPanel } from '@web/features/badges/components/ConfidentialityCountsPanel';

/** Colours with at least 4.5:1 contrast on white, told apart by more than hue (legends and tables name them). */
const COLOURS = { blue: '#0b4f8a', orange: '#9a4a00', green: '#1d6b34', grey: '#555f6b', red: '#a4161a' };
const KIND_LABELS: Record<QuestionKind, string> = { open: 'Open', closed: 'Closed', leading: 'Leading', advice: 'Advice in disguise' };
const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const shortDate = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: '2-digit' });

/** A chart with its figures as a table for screen readers and for copying into a report. */
function Figure({ title, summary, empty, table, children }: { title: string; summary?: ReactNode; empty?: string; table: { head: string[]; rows: (string | number)[][] }; children: ReactNode }) {
  return (
    <section className="panel figure" aria-label={title}>
      <h2>{title}</h2>
      {summary && <p>{summary}</p>}
      {empty ? (
        <p className="muted">{empty}</p>
      ) : (
        <div aria-hidden="true" className="figure__chart">
          <ResponsiveContainer width="100%" height={260}>
            {children as React.ReactElement}
          </ResponsiveContainer>
        </div>
      )}
      <details>
        <summary>The figures as a table</summary>
        <table className="table">
          <thead>
            <tr>
              {table.head.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, i) => (
              <tr key={i}>
                {row.map((cell, j) => (j === 0 ? <th key={j} scope="row">{cell}</th> : <td key={j}>{cell}</td>))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}

/** How even a share is, in words a commissioner reads: the Gini coefficient with what it means. */
export function describeEquity(gini: number): string {
  const level = gini < 0.15 ? 'very evenly shared' : gini < 0.3 ? 'fairly evenly shared' : gini < 0.45 ? 'unevenly shared' : 'held by a few';
  return `${level} (Gini ${gini.toFixed(2)}; 0 is perfectly even, 1 is one person)`;
}

const AUDIT_LABELS: Record<AuditEntryResponse['action'], string> = {
  'session-record.viewed': 'read a session record',
  'evaluation.viewed': 'opened the evaluation',
  'member.removed': 'removed a member',
  'member.role-changed': "changed someone's role",
  'set.closed': 'closed the set',
  'set.reopened': 'reopened the set',
  'set.purged': 'deleted the case content (retention period over)',
};

function AuditLog({ setId }: { setId: string }) {
  const log = useAuditLog(setId, true);
  return (
    <section className="panel" aria-labelledby="audit-title">
      <h2 id="audit-title">Who viewed or changed what</h2>
      <p className="muted">The latest 100 entries of the set's audit log: session records read, the evaluation opened, membership changes, closing and deletion.</p>
      {log.isPending && <Loading what="the audit log" />}
      {log.isError && <LoadError error={log.error} />}
      {log.data && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
            </tr>
          </thead>
          <tbody>
            {log.data.map((e) => (
              <tr key={e.id}>
                <td>{new Date(e.at).toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' })}</td>
                <td>{e.actorName ?? 'The platform'}</td>
                <td>{AUDIT_LABELS[e.action]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

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
            </>
          }
          table={{ head: ['Member', 'Meetings present', 'Times presented', 'Airtime (minutes)', 'Questions asked'], rows: data.members.map((m) => [m.displayName, m.meetingsPresent, m.presented, m.airtimeMinutes, m.questions]) }}
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
        table={{ head: ['Statement', 'Start', 'End'], rows: assessment.map((a) => [a.text, a.start ?? '—', a.end ?? '—']) }}
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

/** The set's evaluation for its facilitators and sponsors: figures over its life, never content. */
export function EvaluationPage() {
  const { setId = '' } = useParams();
  const set = useSet(setId);
  const evaluation = useEvaluation(setId);
  if (set.isPending || evaluation.isPending) return <Loading what="the evaluation" />;
  if (set.isError) return <LoadError error={set.error} />;
  if (evaluation.isError) {
    const forbidden = evaluation.error instanceof ApiError && evaluation.error.status === 403;
    return (
      <Page title="Evaluation">
        {forbidden ? <p>The evaluation is for the set's facilitators and sponsors.</p> : <LoadError error={evaluation.error} />}
        <p>
          <Link to={`/sets/${setId}`}>Back to the set</Link>
        </p>
      </Page>
    );
  }
  const facilitator = set.data.role === 'facilitator';
  return (
    <Page title={`Evaluation: ${set.data.name}`} actions={<Link to={`/sets/${setId}`}>Back to the set</Link>}>
      <p className="lead">How the set is working, in figures only: no case, question or comment is ever shown here.</p>
      <EvaluationView data={evaluation.data} facilitator={facilitator} />
      <ConfidentialityCountsPanel setId={setId} facilitating={facilitator} />
      {facilitator && <AuditLog setId={setId} />}
    </Page>
  );
}
