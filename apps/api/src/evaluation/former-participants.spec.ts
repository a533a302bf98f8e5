import type { SessionStatistics } from '@als/shared';
import { formerParticipants } from './evaluation.service';

const stats = (over: Partial<SessionStatistics>): SessionStatistics => ({ roster: [], presented: [], airtimeMs: {}, questions: {}, actions: {}, ratings: [], startedAt: null, endedAt: null, ...over });

describe(formerParticipants.name, () => {
  it('finds people in the figures who are no longer participants, first seen first', () => {
    const sessions = [stats({ roster: ['fran', 'lee'], airtimeMs: { lee: 1 } }), stats({ roster: ['fran'], questions: { kim: { open: 1 } } })];
    expect(formerParticipants(sessions, ['max', 'fran'], new Set(['fran']))).toEqual(['lee', 'kim', 'max']);
  });

  it('finds no one when everyone is still in the set', () => {
    expect(formerParticipants([stats({ roster: ['fran', 'ann'], presented: ['ann'] })], ['ann'], new Set(['fran', 'ann']))).toEqual([]);
  });
});
