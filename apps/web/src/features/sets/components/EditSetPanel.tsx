import type { SetDetailResponse } from '@als/shared';
import { useUpdateSet } from '@web/features/sets/api/sets';
import { SetForm } from './SetForm';

/**
 * The facilitator's editor for the set's settings. The form is keyed by the set's `updatedAt`, so
 * settings changed elsewhere and read again are shown instead of the values it was opened with.
 */
export function EditSetPanel({ set, onDone }: { set: SetDetailResponse; onDone: () => void }) {
  const update = useUpdateSet(set.id);
  return (
    <section className="panel" aria-label="Edit set">
      <SetForm
        key={set.updatedAt}
        initial={{ name: set.name, purpose: set.purpose, mode: set.mode, timeZone: set.timeZone, groundRules: set.groundRules, apologyNoticeHours: set.apologyNoticeHours, quorum: set.quorum, roundPhaseDays: set.roundPhaseDays }}
        submitLabel="Save changes"
        pendingLabel="Saving…"
        pending={update.isPending}
        error={update.error}
        onSubmit={(values) => update.mutate(values, { onSuccess: onDone })}
        onCancel={() => {
          update.reset();
          onDone();
        }}
      />
    </section>
  );
}
