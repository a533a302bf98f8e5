import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DateTime } from 'luxon';
import { countKinds, QUESTION_KINDS, type EvaluationExportFormat, type EvaluationResponse, type EvaluationTrendMeeting, type EvaluationTrendsResponse, type QuestionKind } from '@als/shared';
import { csvCell } from '@api/cpd/cpd-records';
import type { MembershipEntity } from '@api/sets/membership.entity';
import { SetEntity } from '@api/sets/set.entity';
import { AuditService } from './audit.service';
import { EvaluationService } from './evaluation.service';
import { figuresPdf } from './figures-pdf';

const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;
const KIND_LABELS: Record<QuestionKind, string> = { open: 'Open', closed: 'Closed', leading: 'Leading', advice: 'Advice in disguise' };
const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);
const dash = (x: number | null) => (x === null ? '–' : x);

/** A file to download. */
export interface EvaluationExportFile {
  fileName: string;
  contentType: string;
  body: Buffer;
}

/**
 * The set's evaluation over time (each meeting held: attendance, question mix, ratings) and the
 * commissioner's export of it, CSV or PDF: figures only, never content and never a name.
 */
@Injectable()
export class EvaluationReportService {
  constructor(
    private readonly db: DataSource,
    private readonly evaluation: EvaluationService,
    private readonly audit: AuditService,
  ) {}

  async trends(membership: Pick<MembershipEntity, 'setId'>): Promise<EvaluationTrendsResponse> {
    const set = await this.db.getRepository(SetEntity).findOneByOrFail({ id: membership.setId });
    const [trend, figures] = await Promise.all([this.meetings(set.id), this.evaluation.evaluate(set, 'sponsor')]);
    return {
      set: { id: set.id, name: set.name, status: set.status },
      meetings: trend,
      change: {
        first: trend[0] ?? null,
        last: trend.length > 1 ? trend[trend.length - 1] : null,
        selfAssessment: figures.selfAssessment.statements.map((s) => ({ ...s, change: s.start !== null && s.end !== null ? round(s.end - s.start, 2) : null })),
      },
    };
  }

  /** The commissioner's export; the export is audited. */
  async export(membership: Pick<MembershipEntity, 'setId' | 'userId' | 'role'>, format: EvaluationExportFormat): Promise<EvaluationExportFile> {
    const set = await this.db.getRepository(SetEntity).findOneByOrFail({ id: membership.setId });
    const [trend, figures] = await Promise.all([this.meetings(set.id), this.evaluation.evaluate(set, 'sponsor')]);
    await this.audit.record(set.id, membership.userId, 'evaluation.exported', { role: membership.role, format });
    const slug = set.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'set';
    const fileName = `evaluation-${slug}.${format}`;
    if (format === 'csv') return { fileName, contentType: 'text/csv; charset=utf-8', body: Buffer.from(toCsv(trend), 'utf8') };
    return { fileName, contentType: 'application/pdf', body: await this.pdf(set, trend, figures) };
  }

  /** Each meeting held, with its session's question mix and ratings. */
  private async meetings(setId: string): Promise<EvaluationTrendMeeting[]> {
    const sessions = await this.evaluation.sessions(setId);
    const held = await this.evaluation.heldMeetings(setId, sessions);
    return held.map((m, i) => {
      const stats = sessions.get(m.id);
      const kinds = stats ? countKinds(Object.values(stats.questions)) : null;
      const asked = kinds ? QUESTION_KINDS.reduce((t, k) => t + kinds[k], 0) : 0;
      const ratings = stats?.ratings ?? [];
      return {
        meetingId: m.id,
        number: i + 1,
        startsAt: new Date(m.startsAt).toISOString(),
        attending: m.attending,
        apologies: m.apologies,
        // Present: in its live session, or recorded in the room (a face-to-face meeting run without one).
        present: stats || m.present > 0 ? m.present : null,
        questionKinds: kinds,
        openShare: kinds && asked ? round(kinds.open / asked, 3) : null,
        ratings: { count: ratings.length, average: ratings.length ? round(ratings.reduce((a, b) => a + b, 0) / ratings.length, 2) : null },
      };
    });
  }

  private pdf(set: SetEntity, trend: EvaluationTrendMeeting[], e: EvaluationResponse): Promise<Buffer> {
    const day = (iso: string) => DateTime.fromISO(iso, { zone: set.timeZone }).toFormat('d LLL yyyy');
    const totalQuestions = QUESTION_KINDS.reduce((t, k) => t + e.questionKinds[k], 0);
    const first = trend[0];
    const last = trend.length > 1 ? trend[trend.length - 1] : null;
    const span = first ? `${day(first.startsAt)} to ${day((last ?? first).startsAt)}` : 'No meeting held yet';
    return figuresPdf({
      title: `Set evaluation: ${set.name}`,
      subtitle: `${span}  ·  ${trend.length} ${trend.length === 1 ? 'meeting' : 'meetings'} held  ·  ${set.status === 'closed' ? 'closed' : 'running'}${set.practice ? '  ·  Practice set (not a real set)' : ''}`,
      footnote: 'Figures only. This report holds no case content, no questions, reflections or actions as written, and no names: it counts what happened in the set’s meetings. Question kinds are as the facilitator or the platform’s classifier recorded them. People who left the set are counted in the figures as former members.',
      sections: [
        {
          heading: 'Key figures',
          keyFigures: [
            { figure: String(trend.length), label: 'meetings held' },
            { figure: totalQuestions ? pct(e.questionKinds.open / totalQuestions) : '–', label: 'of questions open' },
            { figure: e.ratings.average === null ? '–' : String(e.ratings.average), label: 'average process rating (of 5)' },
            { figure: pct(e.actions.completionRate), label: 'of actions reported done' },
          ],
        },
        {
          heading: 'Meeting by meeting',
          note: 'Replies before each meeting, who was present, the mix of questions asked and the process review ratings, in order.',
          table: {
            head: ['Meeting', 'Attending', 'Apologies', 'Present', 'Questions', 'Open', 'Average rating'],
            rows: trend.length
              ? trend.map((m) => [`Meeting ${m.number}: ${day(m.startsAt)}`, m.attending, m.apologies, m.present ?? 'no session', m.questionKinds ? QUESTION_KINDS.reduce((t, k) => t + m.questionKinds![k], 0) : '–', pct(m.openShare), dash(m.ratings.average)])
              : [['No meeting held yet', '', '', '', '', '', '']],
          },
        },
        {
          heading: 'Change over the set',
          note: first && last ? `From the first meeting (${day(first.startsAt)}) to the last (${day(last.startsAt)}): open questions ${pct(first.openShare)} to ${pct(last.openShare)}, average rating ${dash(first.ratings.average)} to ${dash(last.ratings.average)}, present ${dash(first.present)} to ${dash(last.present)}. Self-assessment averages from 1 (not at all) to 5 (very much), at the start and at the end of the set:` : 'Self-assessment averages from 1 (not at all) to 5 (very much), at the start and at the end of the set:',
          table: {
            head: ['Statement', `Start (${e.selfAssessment.responses.start})`, `End (${e.selfAssessment.responses.end})`, 'Change'],
            rows: e.selfAssessment.statements.map((s) => [s.text, dash(s.start), dash(s.end), s.start !== null && s.end !== null ? signed(round(s.end - s.start, 2)) : '–']),
          },
        },
        {
          heading: 'Questions',
          note: `${totalQuestions} ${totalQuestions === 1 ? 'question' : 'questions'} over the set. Open questions help a presenter think; closed, leading and advice-in-disguise questions less so.`,
          table: { head: ['Kind', 'Questions', 'Share'], rows: QUESTION_KINDS.map((k) => [KIND_LABELS[k], e.questionKinds[k], totalQuestions ? pct(e.questionKinds[k] / totalQuestions) : '–']) },
        },
        {
          heading: 'Airtime and actions',
          note: `Airtime among participants (Gini coefficient, 0 equal): ${e.equity.airtime}; questions asked: ${e.equity.questions}. ${e.ratings.count} process review ${e.ratings.count === 1 ? 'rating' : 'ratings'}.`,
          table: { head: ['Actions', 'Committed to', 'Done', 'Partly', 'Not done', 'Still open'], rows: [['All actions', e.actions.total, e.actions.done, e.actions.partly, e.actions.notDone, e.actions.open]] },
        },
      ],
    });
  }
}

const signed = (x: number) => (x > 0 ? `+${x}` : String(x));

/** One row per meeting held, and the set's total: UTF-8 with BOM, formula cells neutralised. */
function toCsv(trend: EvaluationTrendMeeting[]): string {
  const head = ['Meeting', 'Date', 'Attending replies', 'Apologies', 'Present', ...QUESTION_KINDS.map((k) => `${KIND_LABELS[k]} questions`), 'Open share', 'Ratings', 'Average rating'];
  const rows: (string | number)[][] = trend.map((m) => [m.number, m.startsAt.slice(0, 10), m.attending, m.apologies, m.present ?? '', ...QUESTION_KINDS.map((k) => m.questionKinds?.[k] ?? ''), m.openShare ?? '', m.ratings.count, m.ratings.average ?? '']);
  const sum = (f: (m: EvaluationTrendMeeting) => number) => trend.reduce((t, m) => t + f(m), 0);
  const kinds = countKinds(trend.map((m) => m.questionKinds ?? {}));
  const asked = QUESTION_KINDS.reduce((t, k) => t + kinds[k], 0);
  const ratings = sum((m) => m.ratings.count);
  const ratingTotal = sum((m) => (m.ratings.average ?? 0) * m.ratings.count);
  rows.push(['All meetings', '', sum((m) => m.attending), sum((m) => m.apologies), sum((m) => m.present ?? 0), ...QUESTION_KINDS.map((k) => kinds[k]), asked ? round(kinds.open / asked, 3) : '', ratings, ratings ? round(ratingTotal / ratings, 2) : '']);
  return `\uFEFF${[head, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
