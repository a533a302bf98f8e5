import { decideAddAction, decideWithholdCase, evolveActions } from './actions';
import { decideNextSpeaker, decideReportBack, decideSetCheckInPrompt, evolveCheckIn, evolveCheckInRound } from './check-in';
import { decideAgreeContract, decideProposeChange, decideSetContracting, evolveContracting } from './contracting';
import { decideCallNext, decideLowerHand, decideSetQuestionMode, decideStepOutOfTurns, evolveDialogue } from './dialogue';
import { decideInviteOffers, decideOffer, evolveOffers } from './offers';
import { isLiveCommandType } from './commands';
import { isRecord, mayFacilitate, reject, type DecideContext, type LiveDecision } from './decision';
import { UnknownLiveEventError, type LiveEventAt } from './events';
import { decideAdvance, decideArrive, decideEnd, decideGoTo, decideHandOver, decideStart, evolveFlow } from './flow';
import { decideRate, decideCheckOut, decideReviewComment, evolveReview, evolveReviewWords } from './review';
import { decideAsk, decideBid, decideMarkHelpful, decidePass, decideRaiseHand, decideReflect, decideSetAsk, decideSetOrder, evolveRound } from './round';
import type { LiveActor, LiveSessionState, LiveSetup } from './state';
import { decideExpireTimer, decideExtendTimer, decidePause, decideResume, evolveTiming } from './timing';
import { decideRecordVoice, evolveVoice } from './voice';
import { decideTakePart, evolveTakingPart } from './taking-part';

/*
 * The live session of a meeting as a pure state machine (CONTRACT.md, "Live sessions"). The API
 * runs it authoritatively: `decide` turns a command into one event or a readable rejection,
 * `evolve` applies an event. The web client uses `evolve` on the events it receives, so every
 * screen derives the same state from the same log. The rules of each phase family live in their
 * own file (flow, check-in, round, actions, review, timing); this file only dispatches.
 */

/**
 * Decides whether `command` from `actor` is allowed now, and what happens. The command is taken
 * as it arrived (its type and payload unchecked): the rejection is a sentence a person can read;
 * nothing changes on rejection.
 */
export function decide(state: LiveSessionState, command: { type: string; payload?: unknown }, actor: LiveActor, now: Date, setup?: LiveSetup): LiveDecision {
  const type = command.type;
  if (!isLiveCommandType(type)) return reject(`Unknown command type: ${String(type).slice(0, 40)}.`);
  if (actor.role === 'system' && type !== 'expireTimer' && type !== 'arrive' && type !== 'recordVoice') return reject('The server only expires timers.');
  const ctx: DecideContext = { state, actor, now, setup, payload: isRecord(command.payload) ? command.payload : {}, facilitating: mayFacilitate(state, actor) };
  switch (type) {
    case 'start':
      return decideStart(ctx);
    case 'advance':
      return decideAdvance(ctx);
    case 'goTo':
      return decideGoTo(ctx);
    case 'handOver':
      return decideHandOver(ctx);
    case 'arrive':
      return decideArrive(ctx);
    case 'end':
      return decideEnd(ctx);
    case 'extendTimer':
      return decideExtendTimer(ctx);
    case 'pause':
      return decidePause(ctx);
    case 'resume':
      return decideResume(ctx);
    case 'expireTimer':
      return decideExpireTimer(ctx);
    case 'reportBack':
      return decideReportBack(ctx);
    case 'bid':
      return decideBid(ctx);
    case 'setOrder':
      return decideSetOrder(ctx);
    case 'ask':
      return decideAsk(ctx);
    case 'pass':
      return decidePass(ctx);
    case 'raiseHand':
      return decideRaiseHand(ctx);
    case 'markHelpful':
      return decideMarkHelpful(ctx);
    case 'setAsk':
      return decideSetAsk(ctx);
    case 'reflect':
      return decideReflect(ctx);
    case 'addAction':
      return decideAddAction(ctx);
    case 'withholdCase':
      return decideWithholdCase(ctx);
    case 'rate':
      return decideRate(ctx);
    case 'checkOut':
      return decideCheckOut(ctx);
    case 'setCheckInPrompt':
      return decideSetCheckInPrompt(ctx);
    case 'nextSpeaker':
      return decideNextSpeaker(ctx);
    case 'setContracting':
      return decideSetContracting(ctx);
    case 'proposeChange':
      return decideProposeChange(ctx);
    case 'agreeContract':
      return decideAgreeContract(ctx);
    case 'setQuestionMode':
      return decideSetQuestionMode(ctx);
    case 'callNext':
      return decideCallNext(ctx);
    case 'lowerHand':
      return decideLowerHand(ctx);
    case 'stepOutOfTurns':
      return decideStepOutOfTurns(ctx);
    case 'inviteOffers':
      return decideInviteOffers(ctx);
    case 'offer':
      return decideOffer(ctx);
    case 'reviewComment':
      return decideReviewComment(ctx);
    case 'recordVoice':
      return decideRecordVoice(ctx);
    case 'takePart':
      return decideTakePart(ctx);
    default: {
      const unknown: never = type;
      return reject(`Unknown command type: ${String(unknown).slice(0, 40)}.`);
    }
  }
}

/**
 * Applies one event (with its server time). Pure: the same log gives the same state everywhere.
 * An event of a type this code does not know throws UnknownLiveEventError: a state that skipped
 * an event would be wrong from then on (the server refuses to load such a log).
 */
export function evolve(state: LiveSessionState, event: LiveEventAt): LiveSessionState {
  switch (event.type) {
    case 'started':
    case 'phaseChanged':
    case 'handedOver':
    case 'arrived':
    case 'ended':
      return evolveFlow(state, event);
    case 'timerExtended':
    case 'paused':
    case 'resumed':
    case 'timerExpired':
      return evolveTiming(state, event);
    case 'reportedBack':
      return evolveCheckIn(state, event);
    case 'bid':
    case 'orderSet':
    case 'asked':
    case 'passed':
    case 'handRaised':
    case 'markedHelpful':
    case 'askSet':
    case 'reflected':
      return evolveRound(state, event);
    case 'actionAdded':
    case 'caseWithheld':
      return evolveActions(state, event);
    case 'rated':
    case 'checkedOut':
      return evolveReview(state, event);
    case 'checkInPromptSet':
    case 'speakerChanged':
      return evolveCheckInRound(state, event);
    case 'contractingSet':
    case 'changeProposed':
    case 'contractAgreed':
      return evolveContracting(state, event);
    case 'questionModeSet':
    case 'floorGiven':
    case 'facilitatorTurnsSet':
      return evolveDialogue(state, event);
    case 'offersInvited':
    case 'offered':
      return evolveOffers(state, event);
    case 'reviewCommented':
      return evolveReviewWords(state, event);
    case 'voiceRecorded':
      return evolveVoice(state, event);
    case 'takingPartSet':
      return evolveTakingPart(state, event);
    default: {
      const unknown: never = event;
      throw new UnknownLiveEventError(typeOf(unknown));
    }
  }
}

/** The type of something that should have been an event. */
function typeOf(value: unknown): string {
  return isRecord(value) ? String(value.type) : typeof value;
}
