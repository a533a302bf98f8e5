/* The CI dependency audit's rule: high and critical advisories block unless excepted, until their date. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { judge } = require('../scripts/audit.cjs') as { judge: (report: unknown, exceptions: unknown[], today?: string) => { blocking: { advisory: string; expired: boolean }[]; allowed: { advisory: string }[] } };

const report = {
  vulnerabilities: {
    'some-lib': { via: [{ source: 1, name: 'some-lib', title: 'Prototype pollution', url: 'https://github.com/advisories/GHSA-aaaa-bbbb-cccc', severity: 'high' }] },
    'other-lib': { via: [{ source: 2, name: 'other-lib', title: 'ReDoS', url: 'https://github.com/advisories/GHSA-dddd-eeee-ffff', severity: 'moderate' }] },
    wrapper: { via: ['some-lib'] },
    'bad-lib': { via: [{ source: 3, name: 'bad-lib', title: 'RCE', url: 'https://github.com/advisories/GHSA-gggg-hhhh-iiii', severity: 'critical' }] },
  },
};

describe('the dependency audit rule', () => {
  it('blocks high and critical advisories, once each, and lets moderate ones through', () => {
    const { blocking, allowed } = judge(report, []);
    expect(blocking.map((b) => b.advisory).sort()).toEqual(['GHSA-aaaa-bbbb-cccc', 'GHSA-gggg-hhhh-iiii']);
    expect(allowed).toEqual([]);
  });

  it('lets an excepted advisory pass until its date, then blocks it again', () => {
    const exceptions = [{ advisory: 'GHSA-aaaa-bbbb-cccc', package: 'some-lib', why: 'only in a code path we do not call', until: '2027-01-31' }];
    expect(judge(report, exceptions, '2026-12-01').blocking.map((b) => b.advisory)).toEqual(['GHSA-gggg-hhhh-iiii']);
    const later = judge(report, exceptions, '2027-02-01').blocking;
    expect(later.find((b) => b.advisory === 'GHSA-aaaa-bbbb-cccc')).toMatchObject({ expired: true });
  });
});
