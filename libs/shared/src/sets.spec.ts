import { countWords } from './dto';
import { countParticipants, setSizeNote } from './sets';
import { isValidTimeZone } from './time';

describe('setSizeNote', () => {
  it('warns when a set has fewer than 4 participants', () => {
    expect(setSizeNote(3)).toMatch(/usually have 4 to 8/);
  });
  it('says nothing inside the 4 to 8 norm', () => {
    expect(setSizeNote(4)).toBeNull();
    expect(setSizeNote(8)).toBeNull();
  });
  it('warns when a set has more than 8 participants', () => {
    expect(setSizeNote(9)).toMatch(/less airtime/);
  });
});

describe('countParticipants', () => {
  it('does not count sponsors', () => {
    expect(countParticipants(['facilitator', 'member', 'sponsor', 'member'])).toBe(3);
  });
});

describe('isValidTimeZone', () => {
  it.each(['Europe/London', 'America/New_York', 'Asia/Kolkata', 'UTC'])('accepts %s', (zone) => {
    expect(isValidTimeZone(zone)).toBe(true);
  });
  it.each(['Mars/Olympus', 'GMT+1', '', 'London', 'Europe/London; DROP'])('rejects %p', (zone) => {
    expect(isValidTimeZone(zone)).toBe(false);
  });
});

describe('countWords', () => {
  it('counts words across texts as a person would, with apostrophes, hyphens and accents', () => {
    expect(countWords('I didn’t expect the father’s re-referral.', undefined, '  ', 'Café — done')).toBe(8);
    expect(countWords('')).toBe(0);
  });
});
