// npm run bench:confidentiality — the confidentiality check (libs/shared/src/confidentiality.ts) on
// its fixture corpus: precision and recall per kind and overall, then the time for a 2,000-word text.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const { checkConfidentiality, CONFIDENTIALITY_KINDS } = require('../libs/shared/dist/confidentiality.js');
const { CONFIDENTIALITY_FIXTURES, CONFIDENTIALITY_HOLDOUT, CONFIDENTIALITY_FRESH } = require('../libs/shared/dist/confidentiality-fixtures.js');

/** A finding counts when it overlaps an expected one of the same kind (each expected one matched once). */
function score(fixtures) {
  const by = Object.fromEntries(CONFIDENTIALITY_KINDS.map((k) => [k, { tp: 0, fp: 0, fn: 0 }]));
  const misses = [];
  for (const { text, expect } of fixtures) {
    const expected = expect.map(([kind, value]) => {
      const start = text.indexOf(value);
      if (start < 0) throw new Error(`fixture text does not contain "${value}": ${text}`);
      return { kind, start, end: start + value.length, value, matched: false };
    });
    for (const found of checkConfidentiality(text)) {
      const hit = expected.find((e) => !e.matched && e.kind === found.kind && found.start < e.end && e.start < found.end);
      if (hit) {
        hit.matched = true;
        by[found.kind].tp++;
      } else {
        by[found.kind].fp++;
        misses.push(`  extra   ${found.kind.padEnd(13)} "${found.text}" in: ${text}`);
      }
    }
    for (const e of expected.filter((x) => !x.matched)) {
      by[e.kind].fn++;
      misses.push(`  missed  ${e.kind.padEnd(13)} "${e.value}" in: ${text}`);
    }
  }
  return { by, misses };
}

const ratio = (a, b) => (b === 0 ? 1 : a / b);

function report(title, fixtures) {
  const { by, misses } = score(fixtures);
  console.log(`${title}: ${fixtures.length} sentences (${fixtures.filter((f) => f.expect.length === 0).length} with nothing to find)\n`);
  console.log('kind           expected  found  precision  recall');
  const total = { tp: 0, fp: 0, fn: 0 };
  for (const kind of CONFIDENTIALITY_KINDS) {
    const { tp, fp, fn } = by[kind];
    total.tp += tp;
    total.fp += fp;
    total.fn += fn;
    if (tp + fp + fn === 0) continue;
    console.log(`${kind.padEnd(14)} ${String(tp + fn).padStart(8)} ${String(tp + fp).padStart(6)} ${ratio(tp, tp + fp).toFixed(3).padStart(10)} ${ratio(tp, tp + fn).toFixed(3).padStart(7)}`);
  }
  console.log(`${'overall'.padEnd(14)} ${String(total.tp + total.fn).padStart(8)} ${String(total.tp + total.fp).padStart(6)} ${ratio(total.tp, total.tp + total.fp).toFixed(3).padStart(10)} ${ratio(total.tp, total.tp + total.fn).toFixed(3).padStart(7)}`);
  if (misses.length) console.log(`\nDifferences from the expected findings:\n${misses.join('\n')}`);
  console.log('');
}

report('The fixture corpus (the check was tuned on it)', CONFIDENTIALITY_FIXTURES);
report('Written after tuning (names recall was 0.67 on its first run; see the fixture file)', CONFIDENTIALITY_HOLDOUT);
report('Written by someone who had not read the check, never tuned on', CONFIDENTIALITY_FRESH);

// A 2,000-word text made of the corpus, checked repeatedly: median and worst time.
const words = [];
for (let i = 0; words.length < 2000; i++) words.push(...CONFIDENTIALITY_FIXTURES[i % CONFIDENTIALITY_FIXTURES.length].text.split(/\s+/));
const text = words.slice(0, 2000).join(' ');
for (let i = 0; i < 20; i++) checkConfidentiality(text);
const times = [];
for (let i = 0; i < 200; i++) {
  const t0 = performance.now();
  checkConfidentiality(text);
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
console.log(`\n2,000 words (${text.length} characters, ${checkConfidentiality(text).length} findings): median ${times[100].toFixed(2)} ms, p95 ${times[190].toFixed(2)} ms, worst ${times[199].toFixed(2)} ms over 200 runs (aim: under 5 ms)`);
