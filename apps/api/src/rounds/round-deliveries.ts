import { ROUND_PHASES, type RoundDeliveryKind, type RoundPhaseName } from '@als/shared';

/*
 * What a round e-mail in the outbox is, read from the key of its Message-ID
 * (`<round.<roundId>.<key>@domain>`, round.mail.ts): `<phase>.<userId>` when a phase opened,
 * `nudge.<phase>.<epoch>.<userId>` a reminder, `received.<contributionId>` the confirmation of a
 * reply (its phase is the reply's), `closed.<userId>` the close.
 */

const isPhase = (value: string | undefined): value is RoundPhaseName => (ROUND_PHASES as readonly string[]).includes(value ?? '');

export interface DeliveryKey {
  kind: RoundDeliveryKind;
  phase: RoundPhaseName | null;
  /** For a confirmation: the reply it confirms. */
  contributionId: string | null;
}

export function deliveryKey(messageId: string, roundId: string): DeliveryKey {
  const prefix = `<round.${roundId}.`;
  const key = messageId.startsWith(prefix) ? messageId.slice(prefix.length).replace(/@[^@]*>$/, '') : '';
  const [first, second] = key.split('.');
  if (first === 'nudge' && isPhase(second)) return { kind: 'reminder', phase: second, contributionId: null };
  if (first === 'received' && second) return { kind: 'confirmation', phase: null, contributionId: second };
  if (first === 'closed') return { kind: 'closed', phase: null, contributionId: null };
  if (isPhase(first)) return { kind: 'phase', phase: first, contributionId: null };
  return { kind: 'other', phase: null, contributionId: null };
}
