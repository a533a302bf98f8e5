import { DEFAULT_TIME_ZONE, isValidTimeZone } from '@als/shared';

/** The IANA zones this browser knows, for time-zone pickers. */
export function timeZoneOptions(current?: string): { value: string; label: string }[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [DEFAULT_TIME_ZONE];
  const all = new Set<string>(zones);
  all.add('UTC');
  if (current) all.add(current);
  return [...all].sort().map((zone) => ({ value: zone, label: zone.replace(/_/g, ' ') }));
}

/** The browser's own zone when it is a valid IANA name, else the platform default. */
export function browserTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isValidTimeZone(zone) ? zone : DEFAULT_TIME_ZONE;
}
