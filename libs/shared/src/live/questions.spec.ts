import { classifyQuestion, questionCounts } from './questions';

describe(classifyQuestion.name, () => {
  it.each([
    'What would success look like for you?',
    'What have you tried so far?',
    'What is stopping you?',
    'How did the family respond when you raised it?',
    'Why does this matter to you now?',
    'Tell me more about the meeting with the school.',
    'Who else is involved?',
    'And what do you notice when you think about that?',
  ])('"%s" is open', (q) => {
    expect(classifyQuestion(q)).toEqual({ kind: 'open', reason: '' });
  });

  it.each([
    'Have you thought about calling the GP?',
    "Why don't you escalate it to your manager?",
    'You should write it down first.',
    'In my team we always do a joint visit.',
    'What about a family group conference?',
    'Could you just ask the school to refer?',
    'Maybe you could try a different approach?',
    'If I were you I would leave it a week.',
    'Would it help to speak to legal?',
    'Get supervision on it.',
  ])('"%s" is advice in disguise, with a reason', (q) => {
    const result = classifyQuestion(q);
    expect(result.kind).toBe('advice');
    expect(result.reason.length).toBeGreaterThan(10);
  });

  it.each([
    "Don't you think the mother is struggling?",
    "It's really about trust, isn't it?",
    'That was the right call, surely?',
    'Surely the manager knew?',
  ])('"%s" is leading', (q) => {
    expect(classifyQuestion(q).kind).toBe('leading');
  });

  it.each(['Is the child safe tonight?', 'Did you speak to the father?', 'Can you see a way forward?', 'Are you worried?'])('"%s" is closed', (q) => {
    expect(classifyQuestion(q).kind).toBe('closed');
  });

  it.each([
    ['Why don\u2019t you just leave at five?', 'advice'],
    ['Isn\u2019t it your manager\u2019s job, surely?', 'leading'],
    ['What\u2019s stopping you?', 'open'],
  ])('reads curly apostrophes as typed on phones: "%s" is %s', (q, kind) => {
    expect(classifyQuestion(q).kind).toBe(kind);
  });

  it('counts kinds for the facilitator', () => {
    expect(questionCounts(['open', 'open', 'advice', 'closed'])).toEqual({ open: 2, closed: 1, leading: 0, advice: 1 });
  });
});
