import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { EvaluationTrendMeeting, EvaluationTrendsResponse } from '@als/shared';
import { mockApi, renderPage } from '@web/test/render';
import { TrendsView } from './TrendsView';

const meeting = (number: number, startsAt: string, over: Partial<EvaluationTrendMeeting>): EvaluationTrendMeeting => ({
  meetingId: `m-${number}`, number, startsAt, attending: 4, apologies: 1, present: 5, questionKinds: { open: 2, closed: 1, leading: 0, advice: 1 }, openShare: 0.5, ratings: { count: 4, average: 3.5 }, ...over,
});

const trends = (meetings: EvaluationTrendMeeting[]): EvaluationTrendsResponse => ({
  set: { id: 'set-1', name: 'Hard cases', status: 'active' },
  meetings,
  change: { first: meetings[0] ?? null, last: meetings.length > 1 ? meetings[meetings.length - 1] : null, selfAssessment: [] },
});

describe(TrendsView.name, () => {
  it('gives each chart a table of its figures per meeting, and the change in a sentence', () => {
    mockApi({});
    const data = trends([meeting(1, '2026-09-01T08:30:00.000Z', {}), meeting(2, '2026-10-06T08:30:00.000Z', { present: null, questionKinds: null, openShare: null, ratings: { count: 0, average: null } }), meeting(3, '2026-11-03T09:30:00.000Z', { present: 6, apologies: 0, questionKinds: { open: 6, closed: 1, leading: 1, advice: 0 }, openShare: 0.75, ratings: { count: 6, average: 4.5 } })]);
    renderPage(<TrendsView data={data} setId="set-1" />);
    expect(screen.getByText(/From the first meeting \(1 Sept 26\) to the last \(3 Nov 26\): open questions 50% → 75%, average process rating 3.5 → 4.5, people present 5 → 6/)).toBeInTheDocument();
    const attendance = screen.getByRole('region', { name: 'Attendance over time' });
    expect(within(attendance).getByRole('row', { name: /^2\. 6 Oct 26/ })).toHaveTextContent('no session');
    expect(within(attendance).getByRole('row', { name: /^3\. 3 Nov 26/ })).toHaveTextContent('3. 3 Nov 26640');
    const mix = screen.getByRole('region', { name: 'Question mix over time' });
    expect(within(mix).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Meeting', 'Open', 'Closed', 'Leading', 'Advice in disguise', 'Open share']);
    expect(within(mix).getByRole('row', { name: /^3\./ })).toHaveTextContent('611075%');
    const ratings = screen.getByRole('region', { name: 'Process review ratings over time' });
    expect(within(ratings).getByRole('row', { name: /^1\./ })).toHaveTextContent('43.5');
    expect(screen.getByRole('link', { name: 'Download the report (PDF)' })).toHaveAttribute('href', '/api/sets/set-1/evaluation/export?format=pdf');
    expect(screen.getByRole('link', { name: 'Download the figures (CSV)' })).toHaveAttribute('href', '/api/sets/set-1/evaluation/export?format=csv');
  });

  it('says when no meeting has been held', () => {
    mockApi({});
    renderPage(<TrendsView data={trends([])} setId="set-1" />);
    expect(screen.getByText('The change over the set shows once two meetings have been held.')).toBeInTheDocument();
    expect(screen.getAllByText('No meeting has been held yet.')).toHaveLength(2);
    expect(screen.getByText('No process review ratings yet.')).toBeInTheDocument();
  });
});
