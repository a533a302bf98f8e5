import { DateTime } from 'luxon';
import { QUESTION_KINDS, SELF_ASSESSMENT_STATEMENTS, type ProgrammeEvaluationResponse, type QuestionKind } from '@als/shared';
import { figuresPdf } from '@api/evaluation/figures-pdf';
import type { ProgrammeEntity } from './organisation.entities';

const KIND_LABELS: Record<QuestionKind, string> = { open: 'Open', closed: 'Closed', leading: 'Leading', advice: 'Advice in disguise' };
const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);
const dash = (x: number | null | undefined) => (x === null || x === undefined ? '–' : x);
const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;
const day = (iso: string) => DateTime.fromISO(iso).toFormat('d LLL yyyy');

/** The programme's figures (the CSV's, and the before/after self-assessment) as a report one hands to a commissioner. */
export function programmePdf(organisationName: string, programme: Pick<ProgrammeEntity, 'name' | 'startsOn' | 'endsOn'>, f: ProgrammeEvaluationResponse): Promise<Buffer> {
  const asked = QUESTION_KINDS.reduce((t, k) => t + f.questionKinds[k], 0);
  const replies = f.attendance.attending + f.attendance.apologies;
  // Each statement's average over every answer in the programme (each set's average weighted by its answers).
  const assessment = SELF_ASSESSMENT_STATEMENTS.map((statement, i) => {
    const at = (stage: 'start' | 'end') => {
      const parts = f.sets.map((s) => ({ n: s.selfAssessment.responses[stage], avg: s.selfAssessment.statements[i]?.[stage] ?? null })).filter((p) => p.avg !== null && p.n > 0);
      const n = parts.reduce((t, p) => t + p.n, 0);
      return n ? round(parts.reduce((t, p) => t + p.avg! * p.n, 0) / n, 2) : null;
    };
    const start = at('start');
    const end = at('end');
    return [statement.text, dash(start), dash(end), start !== null && end !== null ? (end - start > 0 ? `+${round(end - start, 2)}` : String(round(end - start, 2))) : '–'];
  });
  const responses = (stage: 'start' | 'end') => f.sets.reduce((t, s) => t + s.selfAssessment.responses[stage], 0);
  return figuresPdf({
    title: `Programme report: ${programme.name}`,
    subtitle: `${organisationName}  ·  ${day(programme.startsOn)}${programme.endsOn ? ` to ${day(programme.endsOn)}` : ' onwards'}  ·  ${f.setCount} ${f.setCount === 1 ? 'set' : 'sets'}`,
    footnote: 'Figures only. This report holds no case content, no questions, reflections or actions as written, and no names: it counts what happened in the programme’s action learning sets. Practice sets (demonstrations and training) are not counted. Question kinds are as each set’s facilitator or the platform’s classifier recorded them.',
    sections: [
      {
        heading: 'Key figures',
        keyFigures: [
          { figure: String(f.attendance.meetings), label: 'meetings held' },
          { figure: replies ? pct(f.attendance.attending / replies) : '–', label: 'of replies were “attending”' },
          { figure: asked ? pct(f.questionKinds.open / asked) : '–', label: 'of questions open' },
          { figure: f.ratings.average === null ? '–' : String(f.ratings.average), label: 'average process rating (of 5)' },
        ],
      },
      {
        heading: 'Sets',
        note: 'Each set of the programme: meetings held, replies before them, people present, questions asked and the share of them open, and process review ratings.',
        table: {
          head: ['Set', 'Meetings', 'Attending', 'Apologies', 'Present', 'Questions', 'Open', 'Rating'],
          rows: [
            ...f.sets.map((s) => {
              const n = QUESTION_KINDS.reduce((t, k) => t + s.questionKinds[k], 0);
              return [s.set.name, s.meetings.length, s.meetings.reduce((t, m) => t + m.attending, 0), s.meetings.reduce((t, m) => t + m.apologies, 0), s.meetings.reduce((t, m) => t + (m.present ?? 0), 0), n, n ? pct(s.questionKinds.open / n) : '–', dash(s.ratings.average)];
            }),
            [`All sets`, f.attendance.meetings, f.attendance.attending, f.attendance.apologies, f.attendance.present, asked, asked ? pct(f.questionKinds.open / asked) : '–', dash(f.ratings.average)],
          ],
        },
      },
      {
        heading: 'Questions',
        note: `${asked} ${asked === 1 ? 'question' : 'questions'} across the programme. Open questions help a presenter think; closed, leading and advice-in-disguise questions less so.`,
        table: { head: ['Kind', 'Questions', 'Share'], rows: QUESTION_KINDS.map((k) => [KIND_LABELS[k], f.questionKinds[k], asked ? pct(f.questionKinds[k] / asked) : '–']) },
      },
      {
        heading: 'Attendance, airtime and actions',
        note: `${f.attendance.lateApologies} of ${f.attendance.apologies} apologies came with less notice than the set asks. Airtime equity (average Gini coefficient over the sets with live sessions, 0 equal): ${dash(f.equity.airtime)}.`,
        table: {
          head: ['Actions', 'Committed to', 'Done', 'Partly', 'Not done', 'Completion'],
          rows: [['All sets', f.actions.total, f.actions.done, f.actions.partly, f.actions.notDone, pct(f.actions.completionRate)]],
        },
      },
      {
        heading: 'Process review ratings',
        table: { head: ['Rating', 'How many'], rows: [1, 2, 3, 4, 5].map((r) => [`${r} of 5`, f.ratings.distribution[r - 1] ?? 0]) },
      },
      {
        heading: 'Self-assessment, before and after',
        note: `Average scores from 1 (not at all) to 5 (very much): ${responses('start')} answers at the start of the sets, ${responses('end')} at the end.`,
        table: { head: ['Statement', 'Start', 'End', 'Change'], rows: assessment },
      },
    ],
  });
}
