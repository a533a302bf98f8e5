import { CONFIDENTIALITY_FIXTURES, CONFIDENTIALITY_FRESH, CONFIDENTIALITY_HOLDOUT, type ConfidentialityFixture } from './confidentiality-fixtures';
import { applyReplacements, checkConfidentiality, CONFIDENTIALITY_KINDS, countFindings, modulus11Valid, unresolvedFindings, type ConfidentialityKind } from './confidentiality';

const kinds = (text: string) => checkConfidentiality(text).map((f) => [f.kind, f.text]);

describe('checkConfidentiality', () => {
  describe('modulus11Valid', () => {
    it('accepts NHS numbers whose check digit matches and refuses the others', () => {
      expect(modulus11Valid('9434765919')).toBe(true);
      expect(modulus11Valid('9434765918')).toBe(false);
      expect(modulus11Valid('1234567890')).toBe(false);
      expect(modulus11Valid('943476591')).toBe(false);
    });
  });

  it('finds an NHS number only when its check digit is right', () => {
    expect(kinds('NHS number 943 476 5919.')).toEqual([['nhs-number', '943 476 5919']]);
    expect(kinds('NHS number 943 476 5918.')).toEqual([]);
  });

  it('tells a CHI number (a date, then the check) from an NHS number', () => {
    expect(kinds('CHI 1203840128')).toEqual([['chi-number', '1203840128']]);
    expect(kinds('on the form: 2506112340')).toEqual([['chi-number', '2506112340']]);
    // 32/13/84 is no date: a valid check alone makes it an NHS number, not a CHI number.
    expect(kinds('on the form: 4010232137')).toEqual([['nhs-number', '4010232137']]);
  });

  it('finds National Insurance numbers with issued prefixes only', () => {
    expect(kinds('NI AB 12 34 56 C')).toEqual([['ni-number', 'AB 12 34 56 C']]);
    expect(kinds('NI GB 12 34 56 C')).toEqual([]);
    expect(kinds('NI DA 12 34 56 C')).toEqual([]);
  });

  it('finds UK phone numbers in their usual forms, not other numbers', () => {
    expect(kinds('ring 07700 900123 or +44 (0)20 7946 0018')).toEqual([['phone', '07700 900123'], ['phone', '+44 (0)20 7946 0018']]);
    expect(kinds('the invoice was 4567.89 and 123456 is a reference')).toEqual([]);
  });

  it('keeps names that are ordinary words apart from the words', () => {
    expect(kinds('There is still hope for the placement.')).toEqual([]);
    expect(kinds('Hope and fear were both there.')).toEqual([]);
    expect(kinds('We meet again in May 2025.')).toEqual([]);
    expect(kinds('Her daughter Hope is seven.')).toEqual([['name', 'Hope']]);
    expect(kinds('Grace said she was frightened.')).toEqual([['name', 'Grace']]);
  });

  it('suggests "Child A" for a child and the same letter for the same person', () => {
    const text = 'Her son Kacper, aged 6, was upset. Mrs Patel said Kacper sleeps badly.';
    const findings = checkConfidentiality(text);
    expect(findings.map((f) => [f.text, f.replacement])).toEqual([['Kacper', 'Child A'], ['Mrs Patel', 'Person B'], ['Kacper', 'Child A']]);
    expect(applyReplacements(text, findings)).toBe('Her son Child A, aged 6, was upset. Person B said Child A sleeps badly.');
  });

  it('suggests placeholders with exact spans for fixed formats', () => {
    const text = 'DOB 01/02/2013, of 7 Rowan Close, Leeds LS8 1AB.';
    const findings = checkConfidentiality(text);
    for (const f of findings) expect(text.slice(f.start, f.end)).toBe(f.text);
    expect(applyReplacements(text, findings)).toBe('DOB [date], of [address], Leeds [postcode].');
  });

  it('leaves out what the person confirmed, by key', () => {
    const text = 'Mr Okonkwo rang from 07700 900123.';
    const [name, phone] = checkConfidentiality(text);
    expect(unresolvedFindings(text, [name.key])).toEqual([phone]);
    expect(countFindings(checkConfidentiality(text))).toEqual({ name: 1, phone: 1 });
  });

  describe('on the fixture corpus', () => {
    const tally = (fixtures: ConfidentialityFixture[] = CONFIDENTIALITY_FIXTURES) => {
      const by = Object.fromEntries(CONFIDENTIALITY_KINDS.map((k) => [k, { tp: 0, fp: 0, fn: 0 }])) as Record<ConfidentialityKind, { tp: number; fp: number; fn: number }>;
      for (const { text, expect: wanted } of fixtures) {
        const expected = wanted.map(([kind, value]) => ({ kind, start: text.indexOf(value), end: text.indexOf(value) + value.length, matched: false }));
        for (const found of checkConfidentiality(text)) {
          const hit = expected.find((e) => !e.matched && e.kind === found.kind && found.start < e.end && e.start < found.end);
          if (hit) hit.matched = true;
          by[found.kind][hit ? 'tp' : 'fp']++;
        }
        for (const e of expected.filter((x) => !x.matched)) by[e.kind].fn++;
      }
      return by;
    };

    it('has at least 150 sentences, with and without identifiers, each expected text in its sentence', () => {
      expect(CONFIDENTIALITY_FIXTURES.length).toBeGreaterThanOrEqual(150);
      expect(CONFIDENTIALITY_FIXTURES.filter((f) => f.expect.length === 0).length).toBeGreaterThanOrEqual(40);
      for (const f of CONFIDENTIALITY_FIXTURES) for (const [, value] of f.expect) expect(f.text).toContain(value);
    });

    it.each([
      ['the corpus it was tuned on', CONFIDENTIALITY_FIXTURES],
      ['sentences it was never tuned on (written after tuning, and by someone who had not read it)', [...CONFIDENTIALITY_HOLDOUT, ...CONFIDENTIALITY_FRESH]],
    ])('meets the aims on %s: recall ≥ 0.95 on fixed formats, ≥ 0.85 on names and addresses, precision ≥ 0.8', (_what, fixtures) => {
      const by = tally(fixtures);
      for (const kind of CONFIDENTIALITY_KINDS) {
        const { tp, fp, fn } = by[kind];
        expect({ kind, recall: tp / (tp + fn) }).toEqual({ kind, recall: expect.any(Number) });
        expect(tp / (tp + fn)).toBeGreaterThanOrEqual(kind === 'name' || kind === 'address' ? 0.85 : 0.95);
        expect(tp / Math.max(1, tp + fp)).toBeGreaterThanOrEqual(0.8);
      }
    });
  });
});
