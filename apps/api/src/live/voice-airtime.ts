import { randomBytes } from 'node:crypto';
import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { speechWithin, VOICE_RECORD_MAX_MS, type CallSpeakingInterval, type LiveActor } from '@als/shared';
import { Clock } from '@api/common/clock';
import { LiveHub } from './live-hub.service';

const SYSTEM: LiveActor = { userId: 'system', role: 'system' };
/** How often each person's summed speaking time is recorded in the session's event log. */
export const VOICE_FLUSH_MS = 60_000;
/** Speech reported later than this after it happened is not counted (a report is sent every few seconds). */
const LATE_MS = 2 * 60_000;
/** A browser's clock may run this far ahead of the server's. */
const AHEAD_MS = 5_000;

interface Tally {
  meetingId: string;
  userId: string;
  /** Speech before this instant (ms since the epoch) is counted already: a repeated or overlapping report adds nothing. */
  countedUntil: number;
  /** Summed and not yet recorded (ms). */
  pendingMs: number;
  flushes: number;
}

/**
 * Sums the speaking intervals each person's browser reports (voice activity, never audio) and
 * records the sum in the session's event log once a minute per person (`recordVoice`, the
 * server's own command), when they leave the call, and when this process stops, so the totals
 * survive a restart: at most the last minute of a process that crashed is lost. Intervals are
 * clipped to the time since the person's last counted speech and to now, so no report adds more
 * than the time that passed; each record's command id is unique to this process and tally.
 */
@Injectable()
export class VoiceAirtime implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(VoiceAirtime.name);
  private readonly tallies = new Map<string, Tally>();
  private readonly instance = randomBytes(6).toString('hex');
  private handle: NodeJS.Timeout | null = null;

  constructor(
    private readonly hub: LiveHub,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.handle = setInterval(() => void this.flushAll(), VOICE_FLUSH_MS);
    this.handle.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.handle) clearInterval(this.handle);
    this.handle = null;
    await this.flushAll();
  }

  /** Adds a report of the person's speech; answers the ms it counted. */
  add(meetingId: string, userId: string, intervals: readonly CallSpeakingInterval[]): number {
    const now = this.clock.millis();
    const key = `${meetingId}:${userId}`;
    const tally = this.tallies.get(key) ?? { meetingId, userId, countedUntil: 0, pendingMs: 0, flushes: 0 };
    this.tallies.set(key, tally);
    const spans = intervals.map((i) => ({ start: Date.parse(i.startedAt), end: Date.parse(i.startedAt) + i.ms }));
    const from = Math.max(tally.countedUntil, now - LATE_MS);
    const to = now + AHEAD_MS;
    const counted = speechWithin(spans, from, to);
    // Counted up to the end of the last speech that counted (a claim outside the window moves nothing).
    const reach = Math.max(...spans.filter((s) => Math.min(s.end, to) > Math.max(s.start, from)).map((s) => Math.min(s.end, to)));
    if (reach > tally.countedUntil) tally.countedUntil = reach;
    tally.pendingMs += counted;
    return counted;
  }

  /** What is summed and not yet recorded, per person of a meeting (for tests and metrics). */
  pending(meetingId: string): Record<string, number> {
    const out: Record<string, number> = {};
    for (const t of this.tallies.values()) if (t.meetingId === meetingId) out[t.userId] = t.pendingMs;
    return out;
  }

  /** Records one person's sum now (they left the call), and forgets them. */
  async flush(meetingId: string, userId: string): Promise<void> {
    const key = `${meetingId}:${userId}`;
    const tally = this.tallies.get(key);
    if (!tally) return;
    await this.record(tally);
    if (tally.pendingMs === 0) this.tallies.delete(key);
  }

  /** Records every sum held here. */
  async flushAll(): Promise<void> {
    await Promise.all([...this.tallies.values()].map((t) => this.record(t)));
  }

  /** Records the tally's sum; what it records is taken out of the tally first, so two records at once (a leave and the minute) never count it twice. */
  private async record(tally: Tally): Promise<void> {
    while (tally.pendingMs >= 1) {
      const ms = Math.min(Math.round(tally.pendingMs), VOICE_RECORD_MAX_MS);
      tally.pendingMs = Math.max(0, tally.pendingMs - ms);
      const commandId = `voice:${tally.userId}:${this.instance}:${tally.flushes++}`;
      try {
        const result = await this.hub.apply(tally.meetingId, { commandId, type: 'recordVoice', payload: { userId: tally.userId, ms } }, SYSTEM);
        // Refused (the session has not started): speech before the start is not the meeting's.
        if (!result.ok) {
          this.logger.debug({ msg: 'voice airtime not recorded', meetingId: tally.meetingId, reason: 'error' in result ? result.error : 'not allowed' });
          tally.pendingMs = 0;
        }
      } catch (error) {
        // Kept for the next minute (the database may be back by then).
        tally.pendingMs += ms;
        this.logger.warn({ msg: 'recording voice airtime failed', meetingId: tally.meetingId, error: String(error) });
        return;
      }
    }
  }
}
