import type { ReactNode } from 'react';
import { attendees, formatDay, REVIEW_PROMPT_LABELS, type LivePhase, type LiveSessionState } from '@als/shared';
import { PROCESS_REVIEW_PROMPTS, isKnownPhase } from './phases';
import type { NextMeeting } from './useNextMeeting';
import { JoinCode } from './JoinCode';

/*
 * What the room needs to see in each phase, beside the phase, presenter, timer and turn order the
 * page always shows. A phase without a panel of its own (one added to the reducer later) gets the
 * presenter's questions when there are any, and otherwise nothing extra: never an error.
 */

const nameOf = (state: LiveSessionState, userId: string | null | undefined) => state.roster.find((p) => p.userId === userId)?.displayName ?? 'Someone';

/** The current presenter's case is in the record unless they withheld it. */
const shownCase = (state: LiveSessionState) => state.presenterId !== null && !state.withheld.includes(state.presenterId);

function Panel({ title, children, label }: { title: string; label?: string; children: ReactNode }) {
  return (
    <section className="projector-panel" aria-label={label ?? title}>
      <h2 className="projector-panel__title">{title}</h2>
      {children}
    </section>
  );
}

function Lobby({ present, join }: { present: string[]; join: string }) {
  return (
    <Panel title="Here so far">
      <JoinCode url={join} large />
      {present.length ? (
        <ul className="projector-names">
          {present.map((name) => (
            <li key={name}>{name}</li>
          ))}
        </ul>
      ) : (
        <p className="projector-panel__quiet">Nobody has joined yet.</p>
      )}
    </Panel>
  );
}

function CheckIn({ state }: { state: LiveSessionState }) {
  const people = attendees(state);
  const rows = people.map((p) => {
    const owned = state.openActions.filter((a) => a.ownerId === p.userId);
    const reported = owned.filter((a) => state.reportBacks.some((r) => r.actionId === a.id)).length;
    return { ...p, owned: owned.length, reported };
  });
  const due = rows.filter((r) => r.owned > 0);
  const done = due.filter((r) => r.reported === r.owned).length;
  return (
    <Panel title={due.length ? `Reported back: ${done} of ${due.length}` : 'Check-in'} label="Who has reported back">
      <ul className="projector-rows">
        {rows.map((r) => (
          <li key={r.userId} className={r.owned > 0 && r.reported === r.owned ? 'projector-row projector-row--done' : 'projector-row'}>
            <span className="projector-row__name">{r.displayName}</span>
            <span className="projector-row__value">
              {r.owned === 0 ? 'no actions to report on' : r.reported === r.owned ? `reported back${r.owned === 2 ? ' on both' : r.owned > 2 ? ` on all ${r.owned}` : ''}` : `${r.reported} of ${r.owned} reported`}
            </span>
          </li>
        ))}
      </ul>
    </Panel>
  );
}

function Bidding({ state }: { state: LiveSessionState }) {
  const people = attendees(state)
    .map((p) => ({ ...p, bid: state.bids[p.userId] }))
    .sort((a, b) => (b.bid?.wantsTime ? b.bid.urgency : -1) - (a.bid?.wantsTime ? a.bid.urgency : -1));
  const wanting = people.filter((p) => p.bid?.wantsTime).length;
  return (
    <Panel title={`Bids: ${wanting} would like time`} label="Bids">
      <ul className="projector-rows">
        {people.map((p) => (
          <li key={p.userId} className={p.bid?.wantsTime ? 'projector-row projector-row--done' : 'projector-row'}>
            <span className="projector-row__name">{p.displayName}</span>
            <span className="projector-row__value">{!p.bid ? 'not yet' : p.bid.wantsTime ? `urgency ${p.bid.urgency} of 5` : 'not today'}</span>
          </li>
        ))}
      </ul>
    </Panel>
  );
}

function Questions({ state, phase }: { state: LiveSessionState; phase: LiveSessionState['questions'][number]['phase'] | null }) {
  if (!shownCase(state)) return null;
  const questions = state.questions.filter((q) => q.presenterId === state.presenterId && (phase === null || q.phase === phase));
  if (!questions.length) return null;
  const latest = questions.slice(-5);
  return (
    <Panel title={phase === 'clarifying' ? 'Clarifying questions' : 'Questions'} label="Questions">
      <ol className="projector-questions" start={questions.length - latest.length + 1}>
        {latest.map((q) => (
          <li key={q.id}>
            {q.text}
            <span className="projector-questions__who"> — {nameOf(state, q.askerId)}</span>
          </li>
        ))}
      </ol>
    </Panel>
  );
}

function Reflection({ state }: { state: LiveSessionState }) {
  const reflection = shownCase(state) ? state.reflections.filter((r) => r.presenterId === state.presenterId).at(-1) : undefined;
  if (!reflection) return <Questions state={state} phase={null} />;
  return (
    <Panel title={`What ${nameOf(state, state.presenterId)} now sees`} label="Reflection">
      <p className="projector-quote">{reflection.text}</p>
    </Panel>
  );
}

function Actions({ state }: { state: LiveSessionState }) {
  const actions = shownCase(state) ? state.actions.filter((a) => a.presenterId === state.presenterId) : [];
  return (
    <Panel title={actions.length ? `Actions committed: ${actions.length}` : 'Actions'} label="Actions">
      {actions.length ? (
        <ol className="projector-actions">
          {actions.map((a) => (
            <li key={a.id}>
              <span className="projector-actions__text">{a.text}</span>
              <span className="projector-actions__meta">
                {nameOf(state, a.ownerId)}
                {a.dueAt ? ` · by ${formatDay(a.dueAt, { weekday: 'short', day: 'numeric', month: 'short' })}` : ''}
              </span>
            </li>
          ))}
        </ol>
      ) : (
        <p className="projector-panel__quiet">{shownCase(state) ? 'The actions appear here as they are committed.' : 'Not kept in the record, at the presenter’s request.'}</p>
      )}
    </Panel>
  );
}

function ProcessReview({ state }: { state: LiveSessionState }) {
  const people = attendees(state).length;
  // The latest words the set gave on the review's prompts (as on everyone's screen: anonymous ones without a name).
  const words = (state.reviewWords ?? []).slice(-3);
  return (
    <Panel title="Looking back at how we worked" label="Process review prompts">
      <ul className={words.length ? 'projector-prompts projector-prompts--compact' : 'projector-prompts'}>
        {PROCESS_REVIEW_PROMPTS.map((prompt) => (
          <li key={prompt}>{prompt}</li>
        ))}
      </ul>
      {words.length > 0 && (
        <ul className="projector-review-words" aria-label="What we said">
          {words.map((w) => (
            <li key={w.id}>
              <span className="projector-review-words__prompt">{REVIEW_PROMPT_LABELS[w.prompt]}</span> {w.text}
              <span className="projector-questions__who"> — {w.authorId ? nameOf(state, w.authorId) : 'anonymous'}</span>
            </li>
          ))}
        </ul>
      )}
      <p className="projector-panel__quiet">
        Ratings given: {state.ratings.length} of {people}
      </p>
    </Panel>
  );
}

function CheckOut({ state }: { state: LiveSessionState }) {
  const waiting = attendees(state).filter((p) => !state.checkOuts.some((c) => c.userId === p.userId));
  return (
    <Panel title="One word or line each" label="Check-out words">
      {state.checkOuts.length > 0 && (
        <ul className="projector-words">
          {state.checkOuts.map((c) => (
            <li key={c.userId}>
              <span className="projector-words__word">{c.text}</span>
              <span className="projector-words__who">{nameOf(state, c.userId)}</span>
            </li>
          ))}
        </ul>
      )}
      {waiting.length > 0 && <p className="projector-panel__quiet">Still to check out: {waiting.map((p) => p.displayName).join(', ')}</p>}
    </Panel>
  );
}

function Ended({ state, next }: { state: LiveSessionState; next: NextMeeting | null | undefined }) {
  return (
    <section className="projector-panel projector-panel--end" aria-label="Thank you">
      <h2 className="projector-end__thanks">Thank you, everyone.</h2>
      <p className="projector-end__line">
        {state.actions.length} action{state.actions.length === 1 ? '' : 's'} agreed today.
      </p>
      {next === undefined ? null : next ? (
        <p className="projector-end__next">
          <span className="projector-end__label">Next meeting</span>
          <span className="projector-end__when">{next.when}</span>
          {next.where && <span className="projector-end__where">{next.where}</span>}
        </p>
      ) : (
        <p className="projector-end__line">The next meeting is not scheduled yet.</p>
      )}
    </section>
  );
}

/** The panel for a phase, or for a phase this screen does not know: the presenter's questions, if any. */
export function ProjectorPanel({ state, present, next, join }: { state: LiveSessionState; present: string[]; next: NextMeeting | null | undefined; join: string }) {
  const phase: string = state.phase;
  if (!isKnownPhase(phase)) return <Questions state={state} phase={null} />;
  const panels: Record<LivePhase, () => ReactNode> = {
    lobby: () => <Lobby present={present} join={join} />,
    'check-in': () => <CheckIn state={state} />,
    bidding: () => <Bidding state={state} />,
    present: () => (
      <Panel title="While the presenter speaks" label="How we listen">
        <ul className="projector-prompts projector-prompts--plain">
          <li>Listen without interrupting.</li>
          <li>Note what you would like to ask: clarifying questions come next.</li>
        </ul>
      </Panel>
    ),
    clarifying: () => <Questions state={state} phase="clarifying" />,
    questions: () => <Questions state={state} phase="questions" />,
    reflection: () => <Reflection state={state} />,
    actions: () => <Actions state={state} />,
    'process-review': () => <ProcessReview state={state} />,
    'check-out': () => <CheckOut state={state} />,
    ended: () => <Ended state={state} next={next} />,
  };
  return <>{panels[phase]()}</>;
}
