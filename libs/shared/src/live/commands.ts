import type { QuestionMode, ReviewPrompt } from './method-state';
import type { LivePhase, ReportBackStatus } from './state';

/*
 * The commands a live session takes (CONTRACT.md, "Live sessions", and the README's table): each
 * `{ type, payload }` exactly typed. The API's class-validator DTOs implement these payloads
 * (`LiveCommandPayloads[type]`); the web client sends them; `decide` checks them again, as what
 * arrives on a socket is not to be trusted.
 */

export type LiveCommand =
  | { type: 'start'; payload: Record<string, never> }
  | { type: 'advance'; payload: Record<string, never> }
  | { type: 'goTo'; payload: { phase: LivePhase; presenterId?: string } }
  | { type: 'extendTimer'; payload: { seconds: number } }
  | { type: 'pause'; payload: Record<string, never> }
  | { type: 'resume'; payload: Record<string, never> }
  | { type: 'bid'; payload: { wantsTime: boolean; urgency: number; onBehalfOf?: string } }
  | { type: 'setOrder'; payload: { presenterIds: string[] } }
  | { type: 'ask'; payload: { text: string; onBehalfOf?: string } }
  | { type: 'pass'; payload: { onBehalfOf?: string } }
  | { type: 'raiseHand'; payload: Record<string, never> }
  | { type: 'markHelpful'; payload: { questionId: string } }
  | { type: 'setAsk'; payload: { text: string } }
  | { type: 'reflect'; payload: { text: string } }
  | { type: 'addAction'; payload: { text: string; dueAt?: string; ownerId?: string } }
  | { type: 'reportBack'; payload: { actionId: string; status: ReportBackStatus; note?: string; onBehalfOf?: string } }
  | { type: 'rate'; payload: { rating: number; comment?: string; onBehalfOf?: string } }
  | { type: 'checkOut'; payload: { text: string; onBehalfOf?: string } }
  | { type: 'withholdCase'; payload: { withheld: boolean } }
  | { type: 'handOver'; payload: { userId: string } }
  | { type: 'arrive'; payload: { userId: string } }
  | { type: 'end'; payload: Record<string, never> }
  | { type: 'expireTimer'; payload: { timerId: number } }
  | { type: 'setCheckInPrompt'; payload: { text: string } }
  | { type: 'nextSpeaker'; payload: Record<string, never> }
  | { type: 'setContracting'; payload: { open: boolean } }
  | { type: 'proposeChange'; payload: { text: string; onBehalfOf?: string } }
  | { type: 'agreeContract'; payload: { text: string } }
  | { type: 'setQuestionMode'; payload: { mode: QuestionMode } }
  | { type: 'callNext'; payload: { userId?: string } }
  | { type: 'lowerHand'; payload: { userId: string } }
  | { type: 'stepOutOfTurns'; payload: { out: boolean } }
  | { type: 'inviteOffers'; payload: { open: boolean } }
  | { type: 'offer'; payload: { text: string; onBehalfOf?: string } }
  | { type: 'reviewComment'; payload: { prompt: ReviewPrompt; text: string; anonymous?: boolean; onBehalfOf?: string } }
  | { type: 'recordVoice'; payload: { userId: string; ms: number } }
  | { type: 'takePart'; payload: { takes: boolean } };

export type LiveCommandType = LiveCommand['type'];
export const LIVE_COMMAND_TYPES: readonly LiveCommandType[] = ['start', 'advance', 'goTo', 'extendTimer', 'pause', 'resume', 'bid', 'setOrder', 'ask', 'pass', 'raiseHand', 'markHelpful', 'setAsk', 'reflect', 'addAction', 'reportBack', 'rate', 'checkOut', 'withholdCase', 'handOver', 'arrive', 'end', 'expireTimer',
  'setCheckInPrompt', 'nextSpeaker', 'setContracting', 'proposeChange', 'agreeContract', 'setQuestionMode', 'callNext', 'lowerHand', 'stepOutOfTurns', 'inviteOffers', 'offer', 'reviewComment', 'recordVoice', 'takePart'];

/** The payload of each command type. */
export type LiveCommandPayloads = { [C in LiveCommand as C['type']]: C['payload'] };
/** The payload of one command type (what a DTO class `implements`). */
export type LiveCommandPayload<T extends LiveCommandType> = LiveCommandPayloads[T];

/** Whether `type` is a command type (for input from outside). */
export function isLiveCommandType(type: unknown): type is LiveCommandType {
  return LIVE_COMMAND_TYPES.some((known) => known === type);
}
