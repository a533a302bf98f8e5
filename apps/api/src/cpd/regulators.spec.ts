import { forRegulator, REGULATOR_COLUMNS } from './regulators';
import { toCsv, type CpdRecord } from './cpd-records';

const meeting: CpdRecord = { activityType: 'Peer learning: action learning set', date: '2026-03-04', title: 'Set: set meeting', description: 'I presented.', learning: 'I rush to fix.', impact: 'I ask first.', different: 'I will ask before I suggest.', peerDiscussion: 'Yes: with 5 colleagues in the set', hours: 3 };
const log: CpdRecord = { ...meeting, activityType: 'Reflective practice: learning log', title: 'Reading', peerDiscussion: 'No' };

describe('forRegulator', () => {
  it('flags set meetings and rounds as peer reflection, with what was learnt from the discussion, and not a log entry', () => {
    expect(forRegulator(meeting)).toMatchObject({ peerReflection: 'Yes', peerLearning: 'I rush to fix.' });
    expect(forRegulator({ ...meeting, activityType: 'Peer learning: asynchronous action learning round' }).peerReflection).toBe('Yes');
    expect(forRegulator(log)).toMatchObject({ peerReflection: 'No', peerLearning: '' });
  });

  it("writes Social Work England's columns, and the hours-first ones of the SSSC and Social Care Wales", () => {
    const [swe] = toCsv([meeting, log].map(forRegulator), REGULATOR_COLUMNS.swe).replace('\uFEFF', '').split('\r\n');
    expect(swe).toBe('Activity type,Date,Title,Description of the activity,What I learnt,Impact on my practice,Peer reflection,What I learnt from discussing it with a peer,Hours,What I will do differently');
    const sssc = toCsv([meeting].map(forRegulator), REGULATOR_COLUMNS.sssc).replace('\uFEFF', '').split('\r\n');
    expect(sssc[0]).toBe('Date,Learning activity,Title,Description,Hours of learning,What I learned,How it has affected my practice,Reflected on with others,What I will do differently');
    expect(sssc[1]).toBe('2026-03-04,Peer learning: action learning set,Set: set meeting,I presented.,3,I rush to fix.,I ask first.,Yes,I will ask before I suggest.');
    expect(REGULATOR_COLUMNS.scw.map(([, label]) => label)).toContain('How I will use it in my practice');
  });
});
