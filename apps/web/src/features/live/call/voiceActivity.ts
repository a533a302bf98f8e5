/*
 * Voice activity from a level meter: speaking when the level passes a threshold, still speaking
 * through short pauses (the hang-over), and an interval ends at the last loud frame (so the
 * hang-over is never counted as speech). Only intervals leave the browser, never the audio.
 */

/** The level of a stretch of samples, in dBFS (0 is full scale; silence is very negative). */
export function levelDb(samples: Float32Array): number {
  let sum = 0;
  for (const s of samples) sum += s * s;
  const rms = Math.sqrt(sum / Math.max(1, samples.length));
  return rms > 0 ? 20 * Math.log10(rms) : -Infinity;
}

export interface VoiceActivityOptions {
  /** Louder than this is voice (dBFS). */
  thresholdDb?: number;
  /** Quieter stretches shorter than this stay inside the interval (ms). */
  hangOverMs?: number;
}

export interface SpeechInterval {
  start: number;
  end: number;
}

/** Fed one level reading at a time (with its time, ms), it says whether the person is speaking and keeps the finished intervals. */
export class VoiceActivity {
  private readonly thresholdDb: number;
  private readonly hangOverMs: number;
  private current: SpeechInterval | null = null;
  private finished: SpeechInterval[] = [];

  constructor(options: VoiceActivityOptions = {}) {
    this.thresholdDb = options.thresholdDb ?? -45;
    this.hangOverMs = options.hangOverMs ?? 400;
  }

  /** Takes a reading; answers whether the person counts as speaking now. */
  feed(db: number, at: number): boolean {
    if (db >= this.thresholdDb) {
      if (this.current) this.current.end = at;
      else this.current = { start: at, end: at };
      return true;
    }
    if (this.current && at - this.current.end > this.hangOverMs) this.close();
    return this.current !== null;
  }

  get speaking(): boolean {
    return this.current !== null;
  }

  /** Ends the interval under way (muted, left the call). */
  close(): void {
    if (this.current && this.current.end > this.current.start) this.finished.push(this.current);
    this.current = null;
  }

  /** The finished intervals since the last take (and the part of the one under way up to its last loud frame). */
  take(): SpeechInterval[] {
    const out = this.finished;
    this.finished = [];
    if (this.current && this.current.end > this.current.start) {
      out.push({ start: this.current.start, end: this.current.end });
      this.current = { start: this.current.end, end: this.current.end };
    }
    return out;
  }
}
