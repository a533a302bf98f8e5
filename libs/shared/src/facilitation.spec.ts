import { rota } from './facilitation';

describe('rota', () => {
  it('gives the meetings in turn to the people, in their order, round again as needed', () => {
    expect(rota(['a', 'b', 'c', 'd', 'e'], ['pat', 'sam'])).toEqual([
      { meetingId: 'a', person: 'pat' },
      { meetingId: 'b', person: 'sam' },
      { meetingId: 'c', person: 'pat' },
      { meetingId: 'd', person: 'sam' },
      { meetingId: 'e', person: 'pat' },
    ]);
  });
  it('gives nothing without people, and nothing without meetings', () => {
    expect(rota(['a'], [])).toEqual([]);
    expect(rota([], ['pat'])).toEqual([]);
  });
});
