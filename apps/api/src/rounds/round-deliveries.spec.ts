import { deliveryKey } from './round-deliveries';

describe(deliveryKey.name, () => {
  const round = '6f1c2a9e-0000-4000-8000-000000000001';
  it.each([
    [`<round.${round}.clarifying.u-1@mail.test>`, { kind: 'phase', phase: 'clarifying', contributionId: null }],
    [`<round.${round}.nudge.questions.3.u-1@mail.test>`, { kind: 'reminder', phase: 'questions', contributionId: null }],
    [`<round.${round}.received.c-9@mail.test>`, { kind: 'confirmation', phase: null, contributionId: 'c-9' }],
    [`<round.${round}.closed.u-1@mail.test>`, { kind: 'closed', phase: null, contributionId: null }],
    [`<round.${round}.something@mail.test>`, { kind: 'other', phase: null, contributionId: null }],
    [`<round.another.clarifying.u-1@mail.test>`, { kind: 'other', phase: null, contributionId: null }],
  ])('reads %s', (messageId, expected) => {
    expect(deliveryKey(messageId, round)).toEqual(expected);
  });
});
