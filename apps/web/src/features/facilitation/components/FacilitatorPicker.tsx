import { useId } from 'react';
import type { FacilitatedBy, MeetingResponse } from '@als/shared';
import { useAssignFacilitator, type Seat } from '@web/features/facilitation/api/facilitation';
import { FormError } from '@web/ui/FormError';

export interface Participant {
  userId: string;
  displayName: string;
}

const nameOf = (people: readonly Participant[], userId: string | null) => people.find((p) => p.userId === userId)?.displayName ?? 'a former member';

/** Who held the controls in a meeting that was held: "Facilitated by Pat, with Sam co-facilitating". */
export function facilitatedText(by: readonly FacilitatedBy[]): string {
  const main = by.filter((p) => p.as === 'facilitator').map((p) => p.displayName);
  const co = by.filter((p) => p.as === 'co-facilitator').map((p) => p.displayName);
  return `Facilitated by ${main.join(', then ') || 'the set’s facilitators'}${co.length ? `, with ${co.join(' and ')} co-facilitating` : ''}`;
}

/**
 * Who facilitates a meeting: the history for one held, the rota's choice for one to come; the set's
 * facilitators choose here (a member or facilitator, and a co-facilitator beside them).
 */
export function FacilitatorPicker({ meeting, people, canChoose }: { meeting: MeetingResponse; people: readonly Participant[]; canChoose: boolean }) {
  const assign = useAssignFacilitator(meeting.setId);
  const id = useId();
  if (meeting.facilitatedBy) return <p className="muted">{facilitatedText(meeting.facilitatedBy)}</p>;
  const held = new Date(meeting.endsAt).getTime() <= Date.now();
  if (!canChoose || meeting.status === 'cancelled' || held) {
    if (!meeting.facilitatorId) return null;
    return (
      <p className="muted">
        Facilitates: {nameOf(people, meeting.facilitatorId)}
        {meeting.coFacilitatorId && `, with ${nameOf(people, meeting.coFacilitatorId)} co-facilitating`}
      </p>
    );
  }
  const choose = (seat: Seat, value: string) => assign.mutate({ meetingId: meeting.id, seat, userId: value === '' ? null : value });
  return (
    <div className="form__row facilitator-picker">
      <label htmlFor={`${id}-f`}>Who facilitates</label>{' '}
      <select id={`${id}-f`} value={meeting.facilitatorId ?? ''} disabled={assign.isPending} onChange={(e) => choose('facilitator', e.target.value)}>
          <option value="">The set’s facilitators</option>
          {people.map((p) => (
            <option key={p.userId} value={p.userId}>
              {p.displayName}
            </option>
          ))}
      </select>{' '}
      {meeting.facilitatorId && (
        <>
          <label htmlFor={`${id}-c`}>Co-facilitator</label>{' '}
          <select id={`${id}-c`} value={meeting.coFacilitatorId ?? ''} disabled={assign.isPending} onChange={(e) => choose('co-facilitator', e.target.value)}>
            <option value="">None</option>
            {people
              .filter((p) => p.userId !== meeting.facilitatorId)
              .map((p) => (
                <option key={p.userId} value={p.userId}>
                  {p.displayName}
                </option>
              ))}
          </select>
        </>
      )}
      <FormError error={assign.error} />
    </div>
  );
}
