import { CONFIDENTIALITY_LABELS, type ConfidentialityKind } from '@als/shared';
import { useConfidentialityCounts } from '@web/features/badges/api/badges';

const SOURCES: Record<string, string> = { case: 'case texts', contribution: 'round contributions', 'email-reply': 'e-mail replies', 'live-question': 'live questions' };

/** For facilitators: how many of the set's texts may identify someone, in figures only (never which text, never what). */
export function ConfidentialityCountsPanel({ setId, facilitating }: { setId: string; facilitating: boolean }) {
  const counts = useConfidentialityCounts(setId, facilitating);
  if (!facilitating || !counts.data) return null;
  const { checked, flagged, byKind, bySource } = counts.data;
  return (
    <section className="panel" aria-labelledby="confidentiality-title">
      <h2 id="confidentiality-title">Confidentiality</h2>
      <p>
        {flagged} of {checked} texts in the set may identify someone
        {flagged > 0 && `: ${Object.entries(bySource).map(([source, n]) => `${n} ${SOURCES[source] ?? source}`).join(', ')}`}.
      </p>
      {flagged > 0 && (
        <p className="muted">
          Possible identifiers: {Object.entries(byKind).map(([kind, n]) => `${n} × ${CONFIDENTIALITY_LABELS[kind as ConfidentialityKind] ?? kind}`).join(', ')}. Only counts are shown here; a reminder of the ground rules may help.
        </p>
      )}
    </section>
  );
}
