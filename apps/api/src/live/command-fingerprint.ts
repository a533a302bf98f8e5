import { createHash, createHmac } from 'node:crypto';

/**
 * JSON with every object's keys sorted, at every depth (arrays keep their order; undefined
 * members are left out, as JSON does): the same value always gives the same text, whatever order
 * its keys arrived in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** What a commandId is bound to: who sent its first command, and that command's type and payload. */
export interface CommandFingerprint {
  /** The sender; null for the server itself (timer expiry). */
  actorId: string | null;
  /** SHA-256 (hex) of the command's type and validated payload, canonically. */
  digest: string;
  /** The keyed digest of the sender with the command (keyedCommandDigest): what an anonymous event's id is bound to, as it is logged with no actor. */
  keyed?: string;
}

/**
 * HMAC-SHA256 (hex), under a server key, of the sender with the command's type and payload. An
 * anonymous event is logged with no actor and this as its digest: a retry by the same person is
 * still recognised and anyone else's command under the id refused, while the log does not say who
 * sent it (without the key, trying each member of the set does not find them).
 */
export function keyedCommandDigest(key: Buffer, actorId: string | null, type: string, payload: Record<string, unknown>): string {
  return createHmac('sha256', key).update(canonicalJson([actorId, type, payload])).digest('hex');
}

export function commandDigest(type: string, payload: Record<string, unknown>): string {
  return createHash('sha256').update(canonicalJson([type, payload])).digest('hex');
}

/**
 * The fingerprint of a command as it arrives: its digest at once, and its keyed digest only when
 * read (an anonymous event is written under it, or a command is compared with one logged
 * anonymously): nearly every command needs only the first, and the HMAC cost as much again.
 */
export function commandFingerprint(key: Buffer, actorId: string | null, type: string, payload: Record<string, unknown>): CommandFingerprint & { readonly keyed: string } {
  let keyed: string | undefined;
  return {
    actorId,
    digest: commandDigest(type, payload),
    get keyed(): string {
      keyed ??= keyedCommandDigest(key, actorId, type, payload);
      return keyed;
    },
  };
}

/**
 * Whether a command sent under an id already used is that same command again. A logged command
 * from before digests were kept (`digest` null) is judged by its sender alone.
 */
export function sameCommand(first: { actorId: string | null; digest: string | null }, again: CommandFingerprint): boolean {
  // Logged anonymously: bound to the keyed digest of its sender and command.
  if (first.actorId === null && again.actorId !== null && again.keyed !== undefined && first.digest === again.keyed) return true;
  return first.actorId === again.actorId && (first.digest === null || first.digest === again.digest);
}

export const COMMAND_ID_TAKEN = 'This commandId was already used for another command: send each new command with a new commandId.';
