import type { CpdRecord } from './cpd-records';

/** Whose CPD fields an export follows: Social Work England, the SSSC (Scotland), Social Care Wales. */
export const REGULATORS = ['swe', 'sssc', 'scw'] as const;
export type Regulator = (typeof REGULATORS)[number];

/** A record with what the regulators' forms ask beyond ours: a peer-reflection flag and what was learnt from the discussion. */
export interface RegulatorRecord extends CpdRecord {
  peerReflection: 'Yes' | 'No';
  peerLearning: string;
}

/**
 * The columns of each regulator's CPD record, in its words. Social Work England: activity type,
 * date, description, what was learnt, the impact on practice, and whether it was a peer reflection
 * (with what was learnt from the discussion). The SSSC's post-registration training and learning
 * and Social Care Wales' record the hours and a reflective account of the effect on practice.
 */
export const REGULATOR_COLUMNS: Record<Regulator, [keyof RegulatorRecord, string][]> = {
  swe: [
    ['activityType', 'Activity type'],
    ['date', 'Date'],
    ['title', 'Title'],
    ['description', 'Description of the activity'],
    ['learning', 'What I learnt'],
    ['impact', 'Impact on my practice'],
    ['peerReflection', 'Peer reflection'],
    ['peerLearning', 'What I learnt from discussing it with a peer'],
    ['hours', 'Hours'],
    ['different', 'What I will do differently'],
  ],
  sssc: [
    ['date', 'Date'],
    ['activityType', 'Learning activity'],
    ['title', 'Title'],
    ['description', 'Description'],
    ['hours', 'Hours of learning'],
    ['learning', 'What I learned'],
    ['impact', 'How it has affected my practice'],
    ['peerReflection', 'Reflected on with others'],
    ['different', 'What I will do differently'],
  ],
  scw: [
    ['date', 'Date'],
    ['activityType', 'Type of learning'],
    ['title', 'Title'],
    ['description', 'Description'],
    ['hours', 'Hours'],
    ['learning', 'What I learned'],
    ['impact', 'How I will use it in my practice'],
    ['peerReflection', 'Discussed with others'],
    ['different', 'What I will do differently'],
  ],
};

/** Set meetings and rounds are peer reflection (the set's questions); a log entry or a badge on its own is not. */
export function forRegulator(record: CpdRecord): RegulatorRecord {
  const peer = record.activityType.startsWith('Peer learning');
  return { ...record, peerReflection: peer ? 'Yes' : 'No', peerLearning: peer ? record.learning : '' };
}
