import { telHref, type MeetingResponse } from '@als/shared';
import { TextField } from '@web/ui/Field';

/** "Dial in: +44 20 … or 0800 …, passcode 482193#", each number a tel: link; nothing when the meeting has no dial-in. */
export function DialInDetails({ meeting }: { meeting: Pick<MeetingResponse, 'dialInNumbers' | 'dialInPasscode'> }) {
  if (meeting.dialInNumbers.length === 0) return null;
  return (
    <span className="dial-in">
      Dial in:{' '}
      {meeting.dialInNumbers.map((number, i) => (
        <span key={number}>
          {i > 0 && ' or '}
          <a href={telHref(number)}>{number}</a>
        </span>
      ))}
      {meeting.dialInPasscode && (
        <>
          , passcode <strong>{meeting.dialInPasscode}</strong>
        </>
      )}
    </span>
  );
}

/** The numbers as typed (commas or new lines between them) → the list the API takes. */
export function parseDialInNumbers(text: string): string[] {
  return text
    .split(/[,\n;]/)
    .map((n) => n.trim())
    .filter(Boolean);
}

/** The scheduling forms' dial-in fields, for online meetings: numbers (comma-separated) and a passcode. */
export function DialInFields({ numbers, passcode, onNumbers, onPasscode, errors }: { numbers: string; passcode: string; onNumbers: (value: string) => void; onPasscode: (value: string) => void; errors: { numbers?: string; passcode?: string } }) {
  return (
    <div className="form--row form">
      <TextField label="Dial-in numbers (optional)" hint="For people joining by telephone. Separate several numbers with commas." name="dialInNumbers" type="tel" value={numbers} onChange={(e) => onNumbers(e.target.value)} error={errors.numbers} />
      <TextField label="Dial-in passcode (optional)" name="dialInPasscode" value={passcode} onChange={(e) => onPasscode(e.target.value)} error={errors.passcode} />
    </div>
  );
}
