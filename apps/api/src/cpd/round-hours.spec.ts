import { estimatedRoundHours, roundHours } from './round-hours';

describe(estimatedRoundHours.name, () => {
  it('gives a member time for each phase they wrote in, and the presenter the case besides', () => {
    expect(estimatedRoundHours(['clarifying'], false)).toBe(0.5);
    expect(estimatedRoundHours(['clarifying', 'questions', 'actions', 'questions'], false)).toBe(1.5);
    expect(estimatedRoundHours([], true)).toBe(1);
    expect(estimatedRoundHours(['answers', 'reflection', 'actions'], true)).toBe(2.75);
  });
});

describe(roundHours.name, () => {
  it('takes the hours the person logged for the round over the estimate', () => {
    expect(roundHours([2, null], ['clarifying'], false, 1)).toEqual({ hours: 2, estimated: false });
    expect(roundHours([null], ['clarifying', 'questions'], false, 2)).toEqual({ hours: 1.25, estimated: true });
  });

  it('still counts a round whose contributions were deleted after the retention period, from their number', () => {
    expect(roundHours([], [], false, 2)).toEqual({ hours: 1, estimated: true });
    expect(roundHours([], [], true, 3)).toEqual({ hours: 2.5, estimated: true });
  });
});
