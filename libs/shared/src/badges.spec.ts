import { criteriaNarrative, unmetCriteria } from './badges';

describe('unmetCriteria', () => {
  it('names each criterion not met, with the figures, and nothing once all are', () => {
    const criteria = { minMeetings: 3, presented: true, minWords: 200 };
    expect(unmetCriteria(criteria, { meetingsAttended: 1, presented: false, words: 150 }).map((u) => [u.criterion, u.field, u.message])).toEqual([
      ['meetings', 'meetingsAttended', 'meetings attended: 1 of the 3 the badge asks for'],
      ['presented', 'presented', 'presented: the badge asks that you present a problem at least once'],
      ['words', 'statement', 'words in the statement: 150 of the 200 the badge asks for'],
    ]);
    expect(unmetCriteria(criteria, { meetingsAttended: 3, presented: true, words: 200 })).toEqual([]);
    expect(unmetCriteria({ ...criteria, presented: false }, { meetingsAttended: 3, presented: false })).toEqual([]);
  });
});

describe('criteriaNarrative', () => {
  it('says the criteria in words, with the prompts', () => {
    const text = criteriaNarrative({ minMeetings: 1, presented: true, minWords: 200 }, ['What did you learn?'], 'Spring set');
    expect(text).toContain('at least one meeting of the action learning set "Spring set"');
    expect(text).toContain('Presented a problem');
    expect(text).toContain('at least 200 words');
    expect(text).toContain('"What did you learn?"');
    expect(criteriaNarrative({ minMeetings: 0, minWords: 10 }, [], 'S')).toMatch(/^Took part in the action learning set "S"/);
  });
});
