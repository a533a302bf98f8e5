/**
 * The event types that `session:event` carries (CONTRACT.md, "Live sessions"): what `decide` in
 * ./session.ts answers for an allowed command, and `evolve` applies. The README's live protocol
 * section says what each means and what its payload holds; events.spec.ts keeps the three the same
 * (every command type yields only these, every one of these is yielded and applied, the README
 * lists exactly these).
 */
export const LIVE_EVENT_TYPES = [
  'started',
  'phaseChanged',
  'timerExtended',
  'paused',
  'resumed',
  'timerExpired',
  'bid',
  'orderSet',
  'asked',
  'passed',
  'handRaised',
  'markedHelpful',
  'reflected',
  'actionAdded',
  'reportedBack',
  'rated',
  'checkedOut',
  'caseWithheld',
  'handedOver',
  'arrived',
  'ended',
] as const;
export type LiveEventType = (typeof LIVE_EVENT_TYPES)[number];
