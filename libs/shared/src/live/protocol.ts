import type { FacilitatedBy } from '../facilitation';
import type { CallClientToServerEvents, CallServerToClientEvents } from './call';
import type { LiveCommandType } from './commands';
import type { LiveEvent } from './events';
import type { LiveSessionState } from './state';

/** The live protocol of CONTRACT.md: socket.io path /socket.io, namespace /live. */
export const LIVE_NAMESPACE = '/live';
export const LIVE_MESSAGES = {
  join: 'session:join',
  leave: 'session:leave',
  command: 'session:command',
  event: 'session:event',
  resync: 'session:resync',
  presence: 'session:presence',
  /** Server → a person's sockets: they no longer belong to the set (removed) or signed out. */
  closed: 'session:closed',
} as const;
/** Largest message a client may send. */
export const LIVE_MAX_MESSAGE_BYTES = 64 * 1024;

/** Every refusal on the socket: a sentence a person can read. */
export type LiveRefusal = { ok: false; error: string };

export interface LiveJoinRequest {
  meetingId: string;
  /** In the room with the set (face-to-face or mixed), rather than remote. */
  inRoom?: boolean;
  /**
   * Whether joining marks this account as at the meeting (default true). A device that only runs
   * the projector or the room's console sends false, unless its person chose to be counted.
   */
  present?: boolean;
}
/** The person's role in the meeting's set, as the server decides their commands for it (sponsors do not join). */
export type LiveJoinRole = 'facilitator' | 'member';
/** `facilitates`: the rota names the person (a member) to facilitate or co-facilitate this meeting: they may start it (mayFacilitate). */
export type LiveJoinAck = { ok: true; state: LiveSessionState; seq: number; serverTime: string; role: LiveJoinRole; facilitates?: boolean } | LiveRefusal;

export interface LiveCommandRequest {
  commandId: string;
  meetingId: string;
  type: LiveCommandType;
  payload: Record<string, unknown>;
}
export type LiveCommandAck = { ok: true; seq: number } | LiveRefusal;

/** One state change, `seq` rising by one per meeting with no gaps: an event (typed by its `type`) with where and when. */
export type LiveEventMessage = LiveEvent & {
  meetingId: string;
  seq: number;
  at: string;
  /** The id of the command it applied (`timer:<id>:expired` for the server's own): a screen knows its own command's event even before the ack. */
  commandId: string;
};

export interface LiveResyncRequest {
  meetingId: string;
  sinceSeq: number;
}
export type LiveResyncAck = { ok: true; seq: number; events: LiveEventMessage[]; serverTime: string } | { ok: true; seq: number; state: LiveSessionState; serverTime: string } | LiveRefusal;

export interface LivePresence {
  meetingId: string;
  present: { userId: string; displayName: string; inRoom: boolean }[];
}

export interface LiveLeaveRequest {
  meetingId: string;
}
export type LiveLeaveAck = { ok: true } | LiveRefusal;

/** Why the server closed a person's connection (removed from the set, signed out, over the rate). */
export interface LiveClosed {
  reason: string;
}

/** socket.io's map of what the server sends on /live (`Socket<ClientToServerEvents, ServerToClientEvents>` on the web, the reverse in the gateway). */
export interface ServerToClientEvents extends CallServerToClientEvents {
  'session:event': (event: LiveEventMessage) => void;
  'session:presence': (presence: LivePresence) => void;
  'session:closed': (closed: LiveClosed) => void;
}

/** socket.io's map of what a client sends on /live, each with its acknowledgement. */
export interface ClientToServerEvents extends CallClientToServerEvents {
  'session:join': (request: LiveJoinRequest, ack: (answer: LiveJoinAck) => void) => void;
  'session:leave': (request: LiveLeaveRequest, ack: (answer: LiveLeaveAck) => void) => void;
  'session:command': (request: LiveCommandRequest, ack: (answer: LiveCommandAck) => void) => void;
  'session:resync': (request: LiveResyncRequest, ack: (answer: LiveResyncAck) => void) => void;
}

/** GET /api/meetings/:meetingId/record: what a live session leaves for its members (never for sponsors). */
export interface SessionRecordResponse {
  meetingId: string;
  /** Who held the facilitator's controls, in the order they took them (the history of who facilitated). */
  facilitatedBy?: FacilitatedBy[];
  phase: string;
  startedAt: string | null;
  endedAt: string | null;
  participants: { userId: string; displayName: string }[];
  /** Who joined the session (and whether in the room), and who sent an apology. */
  attendance: { present: { userId: string; inRoom: boolean }[]; apologies: string[] };
  /** Questions and reflections of cases their presenter withheld are not kept here. */
  questions: { presenterId: string; askerId: string; text: string; kind: string; helpful: boolean; phase: string }[];
  reflections: { presenterId: string; text: string }[];
  actions: { ownerId: string; presenterId: string; text: string; dueAt: string | null }[];
  withheld: string[];
  /** `voice`: each person's speaking time in the set's own call (measured in their browser). */
  airtime: { presenters: { userId: string; ms: number }[]; questions: { userId: string; count: number; share: number }[]; voice: { userId: string; ms: number }[] };
  questionCounts: Record<string, number>;
  ratings: { count: number; average: number | null; comments: string[] };
  checkOuts: { userId: string; text: string }[];
  /* Always sent by the API; optional for records read by clients written before them. */
  /** The process review's words on its prompts; authorId null where they were given anonymously. */
  reviewWords?: { prompt: string; text: string; authorId: string | null }[];
  /** Offers made to presenters who invited them (not for cases their presenter withheld). */
  offers?: { presenterId: string; userId: string; text: string }[];
  /** The ground rules this session agreed, with who was present, or null. */
  contractAgreed?: { text: string; presentIds: string[]; at: string } | null;
}

/** GET /api/me/actions: one's own open actions across every set */
export interface MyActionResponse extends ActionResponse {
  setId: string;
  setName: string;
}

/** GET /api/sets/:setId/actions */
export interface ActionResponse {
  id: string;
  ownerId: string;
  ownerName: string;
  text: string;
  /** The calendar day it is due, YYYY-MM-DD. */
  dueAt: string | null;
  status: 'open' | 'done' | 'partly' | 'not-done';
  meetingId: string | null;
  reportNote: string;
  reportedAt: string | null;
  /** Where the report-back was given: at a check-in, or ahead of the meeting on the web or by e-mail. */
  reportedVia: 'live' | 'web' | 'email' | null;
  /** The meeting whose check-in it belongs to. */
  reportedInMeetingId: string | null;
  createdAt: string;
}
