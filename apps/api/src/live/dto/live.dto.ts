import { plainToInstance, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, isObject, isUUID, Matches, Max, Min, validateSync, ValidationError } from 'class-validator';
import { LIVE_COMMAND_TYPES, LIVE_LIMITS, LIVE_PHASES, METHOD_LIMITS, QUESTION_MODES, REPORT_BACK_STATUSES, REVIEW_PROMPTS, type QuestionMode, type ReviewPrompt, type LiveCommandPayload, type LiveCommandPayloads, type LiveCommandRequest, type LiveCommandType, type LiveJoinRequest, type LiveLeaveRequest, type LivePhase, type LiveResyncRequest, type ReportBackStatus, type LiveRefusal } from '@als/shared';
import { jsonShapeProblem } from '@api/common/json-shape';
import { IsBoundedDate, IsLongText, IsOptionalLongText, IsText } from '@api/common/validators';

/** Commands a person may send (the server alone expires timers and records voice airtime). */
type ServerCommandType = 'expireTimer' | 'recordVoice';
type ClientCommandType = Exclude<LiveCommandType, ServerCommandType>;
const isClientCommandType = (t: LiveCommandType): t is ClientCommandType => t !== 'expireTimer' && t !== 'recordVoice';
export const CLIENT_COMMAND_TYPES = LIVE_COMMAND_TYPES.filter(isClientCommandType);

/*
 * The classes below check what arrives on the socket; the shapes are the shared ones
 * (libs/shared/src/live/commands.ts, protocol.ts): each class `implements` its type, and PAYLOADS
 * maps each command type to a class whose instances are that command's payload.
 */

export class JoinDto implements LiveJoinRequest {
  @IsUUID('all', { message: 'meetingId must be a meeting id' })
  meetingId: string;

  @IsOptional()
  @IsBoolean({ message: 'inRoom must be true or false' })
  inRoom?: boolean;

  @IsOptional()
  @IsBoolean({ message: 'present must be true or false' })
  present?: boolean;
}

export class LeaveDto implements LiveLeaveRequest {
  @IsUUID('all', { message: 'meetingId must be a meeting id' })
  meetingId: string;
}

export class ResyncDto implements LiveResyncRequest {
  @IsUUID('all', { message: 'meetingId must be a meeting id' })
  meetingId: string;

  @Type(() => Number)
  @IsInt({ message: 'sinceSeq must be a whole number' })
  @Min(0, { message: 'sinceSeq must not be negative' })
  sinceSeq: number;
}

const COMMAND_ID = /^[\w:.-]{1,100}$/;

export class CommandDto implements LiveCommandRequest {
  @IsString({ message: 'commandId must be a string' })
  @Matches(COMMAND_ID, { message: 'commandId must be 1 to 100 letters, digits or _ : . -' })
  commandId: string;

  @IsUUID('all', { message: 'meetingId must be a meeting id' })
  meetingId: string;

  @IsIn(CLIENT_COMMAND_TYPES, { message: `type must be one of ${CLIENT_COMMAND_TYPES.join(', ')}` })
  type: LiveCommandType;

  @IsObject({ message: 'payload must be an object' })
  payload: Record<string, unknown>;
}

/** The payload of a command that takes none: no field at all. */
class Empty implements LiveCommandPayload<'start'> {
  [field: string]: never;
}

class OnBehalf implements LiveCommandPayload<'pass'> {
  @IsOptional()
  @IsUUID('all', { message: 'onBehalfOf must be a person id' })
  onBehalfOf?: string;
}

class GoTo implements LiveCommandPayload<'goTo'> {
  @IsIn(LIVE_PHASES, { message: `phase must be one of ${LIVE_PHASES.join(', ')}` })
  phase: LivePhase;

  @IsOptional()
  @IsUUID('all', { message: 'presenterId must be a person id' })
  presenterId?: string;
}

class ExtendTimer implements LiveCommandPayload<'extendTimer'> {
  @IsInt({ message: 'seconds must be a whole number' })
  @Min(-LIVE_LIMITS.extendSeconds)
  @Max(LIVE_LIMITS.extendSeconds)
  seconds: number;
}

class Bid extends OnBehalf implements LiveCommandPayload<'bid'> {
  @IsBoolean({ message: 'wantsTime must be true or false' })
  wantsTime: boolean;

  @IsInt({ message: 'urgency must be a whole number from 1 to 5' })
  @Min(LIVE_LIMITS.urgencyMin)
  @Max(LIVE_LIMITS.urgencyMax)
  urgency: number;
}

class SetOrder implements LiveCommandPayload<'setOrder'> {
  @IsArray({ message: 'presenterIds must be a list of person ids' })
  @IsUUID('all', { each: true, message: 'presenterIds must be person ids' })
  @ArrayMaxSize(50)
  presenterIds: string[];
}

class Ask extends OnBehalf implements LiveCommandPayload<'ask'> {
  @IsLongText(LIVE_LIMITS.text)
  text: string;
}

class MarkHelpful implements LiveCommandPayload<'markHelpful'> {
  @IsText(20)
  questionId: string;
}

/** The presenter's ask: what they want from the set today (several lines allowed). */
class SetAsk implements LiveCommandPayload<'setAsk'> {
  @IsLongText(LIVE_LIMITS.text)
  text: string;
}

class TextPayload implements LiveCommandPayload<'reflect'> {
  @IsLongText(LIVE_LIMITS.text)
  text: string;
}

class AddAction extends TextPayload implements LiveCommandPayload<'addAction'> {
  @IsOptional()
  @IsBoundedDate({ message: 'dueAt must be an ISO 8601 date' })
  dueAt?: string;

  @IsOptional()
  @IsUUID('all', { message: 'ownerId must be a person id' })
  ownerId?: string;
}

class ReportBack extends OnBehalf implements LiveCommandPayload<'reportBack'> {
  @IsText(100)
  actionId: string;

  @IsIn(REPORT_BACK_STATUSES, { message: `status must be one of ${REPORT_BACK_STATUSES.join(', ')}` })
  status: ReportBackStatus;

  @IsOptional()
  @IsOptionalLongText(LIVE_LIMITS.text)
  note?: string;
}

class Rate extends OnBehalf implements LiveCommandPayload<'rate'> {
  @IsInt({ message: 'rating must be a whole number from 1 to 5' })
  @Min(LIVE_LIMITS.ratingMin)
  @Max(LIVE_LIMITS.ratingMax)
  rating: number;

  @IsOptional()
  @IsOptionalLongText(LIVE_LIMITS.comment)
  comment?: string;
}

/** One word or line each (DOMAIN.md): a single line. */
class CheckOut extends OnBehalf implements LiveCommandPayload<'checkOut'> {
  @IsText(LIVE_LIMITS.checkOut)
  text: string;
}

class WithholdCase implements LiveCommandPayload<'withholdCase'> {
  @IsBoolean({ message: 'withheld must be true or false' })
  withheld: boolean;
}

class HandOver implements LiveCommandPayload<'handOver'> {
  @IsUUID('all', { message: 'userId must be a person id' })
  userId: string;
}

/* The method (issue 17): check-in round, contracting, dialogue, offers, process review words. */

class CheckInPrompt implements LiveCommandPayload<'setCheckInPrompt'> {
  @IsText(METHOD_LIMITS.prompt)
  text: string;
}

class OpenFlag implements LiveCommandPayload<'setContracting'> {
  @IsBoolean({ message: 'open must be true or false' })
  open: boolean;
}

class ProposeChange extends OnBehalf implements LiveCommandPayload<'proposeChange'> {
  @IsLongText(METHOD_LIMITS.proposal)
  text: string;
}

class AgreeContract implements LiveCommandPayload<'agreeContract'> {
  @IsLongText(METHOD_LIMITS.contract)
  text: string;
}

class SetQuestionMode implements LiveCommandPayload<'setQuestionMode'> {
  @IsIn(QUESTION_MODES, { message: `mode must be one of ${QUESTION_MODES.join(', ')}` })
  mode: QuestionMode;
}

class CallNext implements LiveCommandPayload<'callNext'> {
  @IsOptional()
  @IsUUID('all', { message: 'userId must be a person id' })
  userId?: string;
}

class StepOutOfTurns implements LiveCommandPayload<'stepOutOfTurns'> {
  @IsBoolean({ message: 'out must be true or false' })
  out: boolean;
}

class TakePart implements LiveCommandPayload<'takePart'> {
  @IsBoolean({ message: 'takes must be true or false' })
  takes: boolean;
}

class Offer extends OnBehalf implements LiveCommandPayload<'offer'> {
  @IsLongText(METHOD_LIMITS.offer)
  text: string;
}

class ReviewComment extends OnBehalf implements LiveCommandPayload<'reviewComment'> {
  @IsIn(REVIEW_PROMPTS, { message: `prompt must be one of ${REVIEW_PROMPTS.join(', ')}` })
  prompt: ReviewPrompt;

  @IsLongText(METHOD_LIMITS.reviewWord)
  text: string;

  @IsOptional()
  @IsBoolean({ message: 'anonymous must be true or false' })
  anonymous?: boolean;
}

/** Each command's payload class: its instances are that command's shared payload type (the empty ones have no fields to check). */
const PAYLOADS: { [T in ClientCommandType]: new () => LiveCommandPayloads[T] } = {
  start: Empty,
  advance: Empty,
  goTo: GoTo,
  extendTimer: ExtendTimer,
  pause: Empty,
  resume: Empty,
  bid: Bid,
  setOrder: SetOrder,
  ask: Ask,
  pass: OnBehalf,
  raiseHand: Empty,
  markHelpful: MarkHelpful,
  setAsk: SetAsk,
  reflect: TextPayload,
  addAction: AddAction,
  reportBack: ReportBack,
  rate: Rate,
  checkOut: CheckOut,
  withholdCase: WithholdCase,
  handOver: HandOver,
  arrive: HandOver,
  end: Empty,
  setCheckInPrompt: CheckInPrompt,
  nextSpeaker: Empty,
  setContracting: OpenFlag,
  proposeChange: ProposeChange,
  agreeContract: AgreeContract,
  setQuestionMode: SetQuestionMode,
  callNext: CallNext,
  lowerHand: HandOver,
  stepOutOfTurns: StepOutOfTurns,
  takePart: TakePart,
  inviteOffers: OpenFlag,
  offer: Offer,
  reviewComment: ReviewComment,
};

function firstMessage(errors: ValidationError[], prefix = ''): string {
  const [first] = errors;
  const path = `${prefix}${first.property}`;
  if (first.constraints) {
    const messages = Object.values(first.constraints);
    const whitelist = first.constraints.whitelistValidation;
    return whitelist ? `${path} is not allowed here` : messages[messages.length - 1].replace(first.property, path);
  }
  return firstMessage(first.children ?? [], `${path}.`);
}

/**
 * Validates a message against its DTO (unknown fields refused): the typed value, or the first
 * problem in words. Its shape is checked first (nesting, prototype keys: CONTRACT.md's "Bad input,
 * everywhere"), in one iterative pass, as the transformer and validator recurse.
 */
export function validateMessage<T extends object>(cls: new () => T, value: unknown, shapeChecked = false): { ok: true; value: T } | LiveRefusal {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { ok: false, error: 'The message must be an object.' };
  const shape = shapeChecked ? null : jsonShapeProblem(value, 'The message');
  if (shape) return { ok: false, error: shape };
  const instance = plainToInstance(cls, value);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true });
  return errors.length ? { ok: false, error: firstMessage(errors) } : { ok: true, value: instance };
}

const ENVELOPE_FIELDS = new Set(['commandId', 'meetingId', 'type', 'payload']);
const CLIENT_TYPES = new Set<string>(CLIENT_COMMAND_TYPES);

/**
 * The envelope as a CommandDto when it passes CommandDto's rules as it stands (exactly its four
 * fields, each as its decorators ask), checked here by hand: a well-formed command, nearly every one,
 * skips class-transformer and class-validator. Null for anything else, which they then check and
 * name the problem of. Its shape (nesting, prototype keys) must have been checked before.
 */
export function wellFormedEnvelope(value: object): CommandDto | null {
  const keys = Object.keys(value);
  if (keys.length !== ENVELOPE_FIELDS.size || !keys.every((key) => ENVELOPE_FIELDS.has(key))) return null;
  const { commandId, meetingId, type, payload } = value as Record<string, unknown>;
  if (typeof commandId !== 'string' || !COMMAND_ID.test(commandId) || !isUUID(meetingId, 'all') || typeof type !== 'string' || !CLIENT_TYPES.has(type) || !isObject(payload)) return null;
  return Object.assign(new CommandDto(), { commandId, meetingId: meetingId as string, type: type as LiveCommandType, payload: payload as Record<string, unknown> });
}

/** The envelope, checked (wellFormedEnvelope, else CommandDto with class-validator). */
function validateEnvelope(value: unknown): { ok: true; value: CommandDto } | LiveRefusal {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { ok: false, error: 'The message must be an object.' };
  const shape = jsonShapeProblem(value, 'The message');
  if (shape) return { ok: false, error: shape };
  const envelope = wellFormedEnvelope(value);
  return envelope ? { ok: true, value: envelope } : validateMessage(CommandDto, value, true);
}

/** A command: its envelope, then its payload against the payload type of its command. */
export function validateCommand(value: unknown): { ok: true; value: CommandDto } | LiveRefusal {
  const envelope = validateEnvelope(value);
  if (!envelope.ok) return envelope;
  const type = envelope.value.type;
  if (!isClientCommandType(type)) return { ok: false, error: `type must be one of ${CLIENT_COMMAND_TYPES.join(', ')}` };
  const cls = PAYLOADS[type];
  if (cls === Empty) {
    const [extra] = Object.keys(envelope.value.payload);
    return extra === undefined ? envelope : { ok: false, error: `payload.${extra} is not allowed here` };
  }
  const payload = validateMessage<object>(cls, envelope.value.payload, true);
  if (!payload.ok) return { ok: false, error: payload.error.startsWith('The message') ? 'payload must be an object.' : `payload.${payload.error}` };
  return envelope;
}
