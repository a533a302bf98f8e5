import type { MeResponse, SetDetailResponse } from '@als/shared';
import { useMeetings } from '@web/features/meetings/api/meetings';
import { FacilitatorNotesPanel } from './FacilitatorNotesPanel';

/** The facilitator's own notes on the set: for its facilitators, and for a member the rota names for one of its meetings. */
export function SetFacilitatorNotes({ set, me }: { set: SetDetailResponse; me: MeResponse }) {
  const meetings = useMeetings(set.id);
  const named = set.role === 'member' && (meetings.data ?? []).some((m) => m.facilitatorId === me.id || m.coFacilitatorId === me.id);
  if (set.role !== 'facilitator' && !named) return null;
  return <FacilitatorNotesPanel target={{ setId: set.id }} />;
}
