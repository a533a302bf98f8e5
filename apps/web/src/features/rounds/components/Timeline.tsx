import { ROUND_PHASE_LABELS, ROUND_PHASES, type RoundDetailResponse } from '@als/shared';
import { formatDeadline } from '@web/features/rounds/format';

/** The phases as a timeline: done, now, to come, each with its deadline in the reader's zone. */
export function Timeline({ round, zone }: { round: RoundDetailResponse; zone: string }) {
  const currentIndex = round.phase === 'closed' ? ROUND_PHASES.length : ROUND_PHASES.indexOf(round.phase);
  return (
    <ol className="timeline" aria-label="Phases">
      {round.phases.map((p, i) => {
        const state = i < currentIndex ? 'done' : i === currentIndex ? 'now' : 'later';
        return (
          <li key={p.name} className={`timeline__step timeline__step--${state}`} aria-current={state === 'now' ? 'step' : undefined}>
            <strong>{ROUND_PHASE_LABELS[p.name]}</strong>
            <span className="muted">
              {p.name === 'case' ? formatDeadline(round.createdAt, zone) : state === 'done' ? `closed ${formatDeadline(p.closedAt ?? p.endsAt, zone)}` : `until ${formatDeadline(p.endsAt, zone)}`}
            </span>
            {state === 'now' && round.paused && <span className="badge">Paused</span>}
          </li>
        );
      })}
    </ol>
  );
}
