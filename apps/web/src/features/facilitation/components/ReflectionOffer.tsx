import { useState } from 'react';
import { ReflectionForm } from './FacilitatorNotesPanel';

/** After "End the session", the facilitator is offered a short reflection for their own supervision (private to them). */
export function ReflectionOffer({ meetingId }: { meetingId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <section className="panel" aria-labelledby="reflection-title">
      <h2 id="reflection-title">Your reflection</h2>
      <p>A few minutes for your own supervision while the session is fresh. Only you will see it; it is kept with your notes on this meeting.</p>
      {open ? (
        <ReflectionForm meetingId={meetingId} />
      ) : (
        <button type="button" className="button" onClick={() => setOpen(true)}>
          Reflect on this session
        </button>
      )}
    </section>
  );
}
