// Dependency audit for CI: `npm audit` of the production dependencies, failing on high or
// critical advisories unless listed in audit-exceptions.json (advisory, package, why, until when).
// When the advisory database cannot be reached (no network, a registry mirror without the audit
// endpoint) it says so and passes, unless AUDIT_STRICT=1.
// Usage: node scripts/audit.cjs
const { execFileSync } = require('node:child_process');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const BLOCKING = new Set(['high', 'critical']);

/**
 * The advisories that block: high or critical, not excepted (or excepted past its date).
 * `report` is `npm audit --json` (v7+); `exceptions` the parsed exceptions file.
 */
function judge(report, exceptions, today = new Date().toISOString().slice(0, 10)) {
  const excepted = new Map(exceptions.map((e) => [e.advisory, e]));
  const found = new Map();
  for (const [pkg, vulnerability] of Object.entries(report.vulnerabilities ?? {})) {
    for (const via of vulnerability.via ?? []) {
      if (typeof via !== 'object' || !BLOCKING.has(via.severity)) continue;
      const advisory = via.url ? via.url.replace(/^.*\//, '') : String(via.source);
      if (!found.has(advisory)) found.set(advisory, { advisory, package: via.name ?? pkg, severity: via.severity, title: via.title ?? '' });
    }
  }
  const blocking = [];
  const allowed = [];
  for (const item of found.values()) {
    const exception = excepted.get(item.advisory);
    if (exception && (!exception.until || exception.until >= today)) allowed.push({ ...item, why: exception.why });
    else blocking.push({ ...item, expired: Boolean(exception) });
  }
  return { blocking, allowed };
}

function main() {
  const root = join(__dirname, '..');
  const exceptions = JSON.parse(readFileSync(join(root, 'audit-exceptions.json'), 'utf8')).exceptions;
  let output;
  try {
    output = execFileSync('npm', ['audit', '--omit=dev', '--json'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  } catch (error) {
    output = error.stdout ?? ''; // npm audit exits 1 when it finds anything
  }
  let report;
  try {
    report = JSON.parse(output);
  } catch {
    report = { error: { summary: 'no JSON from npm audit' } };
  }
  if (!report.vulnerabilities) {
    const reason = report.message ?? report.error?.summary ?? 'unknown error';
    process.stderr.write(`audit: the advisory database could not be reached (${reason}).\n`);
    process.exit(process.env.AUDIT_STRICT === '1' ? 1 : 0);
  }
  const { blocking, allowed } = judge(report, exceptions);
  for (const a of allowed) process.stderr.write(`audit: allowed by audit-exceptions.json: ${a.advisory} (${a.severity}) in ${a.package}: ${a.why}\n`);
  for (const b of blocking) process.stderr.write(`audit: ${b.severity} advisory ${b.advisory} in ${b.package}: ${b.title}${b.expired ? ' (its exception has expired)' : ''}\n`);
  process.stderr.write(`audit: ${blocking.length} blocking, ${allowed.length} excepted\n`);
  process.exit(blocking.length ? 1 : 0);
}

module.exports = { judge };
if (require.main === module) main();
