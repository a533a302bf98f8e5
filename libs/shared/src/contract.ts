/*
 * A set's contract (DOMAIN.md, "Contracting"): the ground rules the set agrees at its first
 * meeting and may revisit at any meeting. Each agreement is a version, kept with its date and who
 * was present; people who join later (or were not there) accept the current version.
 */

export interface ContractPerson {
  userId: string;
  /** "a former member" once they left the set. */
  displayName: string;
}

export interface SetContractVersion {
  version: number;
  text: string;
  /** When the set agreed it (ISO). */
  agreedAt: string;
  /** The meeting it was agreed at (null once that meeting is gone). */
  meetingId: string | null;
  /** Who was at the meeting when it was agreed. */
  present: ContractPerson[];
  /** Who has accepted this version since (joined later, or was not there). */
  acceptedBy: ContractPerson[];
}

export interface SetContractResponse {
  setId: string;
  /** The text in force: the current version's, or the ground rules as written while none is agreed. */
  text: string;
  /** The current version (the latest agreed), or null before the set agreed one in a meeting. */
  current: SetContractVersion | null;
  /** Every version, newest first. */
  versions: SetContractVersion[];
  /** The caller: the latest version they agreed or accepted (null: none), and whether they still have to accept the current one. */
  mine: { acceptedVersion: number | null; needsAcceptance: boolean };
}

export interface ContractAcceptRequest {
  /** The version accepted: it must be the current one. */
  version: number;
}
