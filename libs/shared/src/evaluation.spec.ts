import { countKinds, gini, sessionStatistics } from './evaluation';
import { initialLiveState, type LiveSessionState } from './live/state';

describe('gini', () => {
  it('is 0 when everyone had the same share, or when there was nothing to share', () => {
    expect(gini([5, 5, 5, 5])).toBe(0);
    expect(gini([0, 0, 0])).toBe(0);
    expect(gini([])).toBe(0);
  });

  it('matches the mean absolute difference over twice the mean, computed by hand', () => {
    // |0-4| six times over 16 ordered pairs, mean 1: 24 / (2 · 16 · 1) = 0.75.
    expect(gini([4, 0, 0, 0])).toBeCloseTo(0.75, 10);
    // Ordered differences 1, 2, 1 twice = 8, n² = 9, mean 2: 8 / 36.
    expect(gini([3, 1, 2])).toBeCloseTo(8 / 36, 10);
  });
});

describe('sessionStatistics', () => {
  it('keeps counts and times per person and never a word of what was said', () => {
    const state: LiveSessionState = {
      ...initialLiveState('m1'),
      roster: [
        { userId: 'ann', displayName: 'Ann' },
        { userId: 'bo', displayName: 'Bo' },
      ],
      presented: ['ann'],
      airtimeMs: { ann: 1_200_000 },
      voiceMs: { bo: 95_000 },
      questions: [
        { id: 'q1', presenterId: 'ann', phase: 'questions', askerId: 'bo', text: 'What matters most to you here?', kind: 'open', reason: '', helpful: true, followUp: false, recordedBy: null, at: '2026-11-25T10:00:00.000Z' },
        { id: 'q2', presenterId: 'ann', phase: 'questions', askerId: 'bo', text: 'Have you thought about calling her?', kind: 'advice', reason: '', helpful: false, followUp: true, recordedBy: null, at: '2026-11-25T10:01:00.000Z' },
      ],
      actions: [{ id: 'a1', presenterId: 'ann', ownerId: 'ann', text: 'Call the team manager', dueAt: null, at: '2026-11-25T10:05:00.000Z' }],
      ratings: [{ userId: 'bo', rating: 4, comment: 'Good pace' }],
      startedAt: '2026-11-25T09:30:00.000Z',
      endedAt: '2026-11-25T12:30:00.000Z',
    };
    const stats = sessionStatistics(state);
    expect(stats).toEqual({
      roster: ['ann', 'bo'],
      presented: ['ann'],
      airtimeMs: { ann: 1_200_000 },
      voiceMs: { bo: 95_000 },
      questions: { bo: { open: 1, advice: 1 } },
      actions: { ann: 1 },
      ratings: [4],
      startedAt: '2026-11-25T09:30:00.000Z',
      endedAt: '2026-11-25T12:30:00.000Z',
    });
    const text = JSON.stringify(stats);
    for (const said of ['What matters', 'calling her', 'team manager', 'Good pace']) expect(text).not.toContain(said);
    expect(countKinds(Object.values(stats.questions))).toEqual({ open: 1, closed: 0, leading: 0, advice: 1 });
  });
});
