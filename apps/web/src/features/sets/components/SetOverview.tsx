import type { SetDetailResponse } from '@als/shared';
import { SetContract } from '@web/features/contract/components/SetContract';

/** The set's purpose and ground rules (as agreed, with their versions), with its notice for apologies and its quorum. */
export function SetOverview({ set }: { set: SetDetailResponse }) {
  return (
    <div className="columns">
      <section className="panel" aria-labelledby="purpose-title">
        <h2 id="purpose-title">Purpose</h2>
        <p className="prose">{set.purpose || <span className="muted">No purpose written yet.</span>}</p>
      </section>
      <section className="panel" aria-labelledby="rules-title">
        <h2 id="rules-title">Ground rules</h2>
        <SetContract setId={set.id} fallback={set.groundRules} />
        <p className="muted">
          Apologies need {set.apologyNoticeHours} hours' notice. {set.quorum === null ? 'The set has no quorum.' : `Quorum: ${set.quorum} people.`}
        </p>
      </section>
    </div>
  );
}
