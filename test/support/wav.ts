import { writeFileSync } from 'node:fs';

/**
 * A WAV file of speech-like bursts for Chromium's fake microphone
 * (`--use-file-for-fake-audio-capture`, which loops it): in each period, `voicedMs` of a tone whose
 * pitch glides and whose loudness moves like syllables (never silent), then silence. Answers the
 * share of the file that is voiced.
 */
export function writeBurstWav(path: string, options: { periodMs: number; voicedMs: number; periods: number; baseHz?: number }): number {
  const rate = 48_000;
  const perPeriod = Math.round((rate * options.periodMs) / 1000);
  const voiced = Math.round((rate * options.voicedMs) / 1000);
  const samples = perPeriod * options.periods;
  const data = Buffer.alloc(samples * 2);
  const base = options.baseHz ?? 220;
  let phase = 0;
  for (let i = 0; i < samples; i++) {
    const inPeriod = i % perPeriod;
    let value = 0;
    if (inPeriod < voiced) {
      const t = inPeriod / rate;
      const hz = base * (1 + 0.25 * Math.sin(2 * Math.PI * 1.3 * t));
      phase += (2 * Math.PI * hz) / rate;
      const syllables = 0.65 + 0.35 * Math.sin(2 * Math.PI * 4 * t);
      // Fade in and out over 10 ms, as a voice does (no clicks).
      const edge = Math.min(1, inPeriod / (rate * 0.01), (voiced - inPeriod) / (rate * 0.01));
      value = 0.45 * syllables * edge * (Math.sin(phase) + 0.3 * Math.sin(2 * phase) + 0.15 * Math.sin(3 * phase));
    }
    data.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(value * 32767))), i * 2);
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  writeFileSync(path, Buffer.concat([header, data]));
  return options.voicedMs / options.periodMs;
}
