/*
 * The sign-off under an e-mail reply is not part of what the person answers in a round: "Thanks,
 * Fiona", "Kind regards" with a name and job title under it, a name on its own, "Sent from my
 * iPhone", a "-- " signature. Taken only from the end of the reply, and only lines that look like
 * one, so a question or a sentence that ends the reply is never cut.
 */

/** "Thanks", "Many thanks", "Kind regards", "Best wishes", "Cheers" …: a closing word or phrase, alone on its line. */
const CLOSING_WORDS = /^(?:(?:many |huge |big )?thanks(?: again| so much| very much| all)?|thank you(?: (?:so|very) much| all)?|thx|ta|cheers|all the best|best wishes|warm(?:est)? wishes|(?:kind|kindest|warm|warmest|best|many) regards|regards|best|with (?:best |kind |warm )?(?:regards|wishes|thanks)|yours(?: sincerely| faithfully| truly)?|take care|speak soon|love|sincerely|respectfully)(?=$|[\s,.!–—-])/i;

/** A closing, with at most a name after it on the same line: "Thanks, Fiona", "Kind regards", "Cheers F x". */
function isClosing(line: string): boolean {
  const match = CLOSING_WORDS.exec(line);
  if (!match) return false;
  const rest = line.slice(match[0].length).replace(/^[\s,.!–—-]+/, '').replace(/[\s,.!]+$/, '');
  return rest === '' || NAME.test(rest);
}

/** Lines a phone or mail app adds: "Sent from my iPhone", "Get Outlook for Android", "Sent from Mail for Windows". */
const DEVICE = /^(?:sent from (?:my |mail |outlook |yahoo |samsung |the )?\S.*|get outlook for \S.*|sent via \S.*|sent with \S.*)$/i;

/** A name on its own: one to four capitalised words or initials ("Fiona", "F.", "Dr Fiona Campbell", "Fiona x"); a word with a full stop ("Honestly.") is a sentence. */
const NAME = /^(?:[\p{Lu}][\p{L}'’-]*|[\p{Lu}]\.)(?:\s+(?:[\p{Lu}][\p{L}'’-]*|[\p{Lu}]\.)){0,3}(?:\s*,)?(?:\s+x{1,3})?$/u;

/** A short line of a signature block under a closing: a job title, a team, a phone number. No question, no sentence. */
const SIGNATURE_LINE = (line: string) => line.length <= 60 && !/[?]/.test(line) && !/[.!]\s+\p{L}/u.test(line) && line.split(/\s+/).length <= 8;

/** How far up from the end a closing ("Kind regards") may stand with its signature block under it. */
const MAX_BLOCK = 6;

function isNameOf(line: string, names: readonly string[]): boolean {
  const bare = line.replace(/[,\s]*x{1,3}$/i, '').replace(/[,.\s]+$/, '').trim().toLowerCase();
  if (!bare) return false;
  return names.some((name) => {
    const full = name.trim().toLowerCase();
    return full !== '' && (bare === full || bare === full.split(/\s+/)[0] || full.split(/\s+/).includes(bare));
  });
}

/** The reply without its sign-off. `names`: the sender's name as their mail client gives it, which also counts as a sign-off line. */
export function stripSignOff(text: string, names: readonly string[] = []): string {
  let lines = text.replace(/\r\n/g, '\n').split('\n');
  // A "-- " line starts a signature (RFC 3676): everything from it goes.
  const delimiter = lines.findIndex((line) => line === '-- ' || line === '--');
  if (delimiter >= 0) lines = lines.slice(0, delimiter);
  const trimEnd = () => {
    while (lines.length && !lines[lines.length - 1].trim()) lines.pop();
  };
  trimEnd();
  // Device lines and names at the very end.
  for (;;) {
    const last = lines[lines.length - 1]?.trim() ?? '';
    if (!last || !(DEVICE.test(last) || isNameOf(last, names) || (NAME.test(last) && lines.length > 1 && isBlankOrClosingAbove(lines)))) break;
    lines.pop();
    trimEnd();
  }
  // A closing line near the end, with only a short signature block under it.
  const from = Math.max(1, lines.length - MAX_BLOCK);
  for (let i = from; i < lines.length; i += 1) {
    const line = lines[i].trim();
    if (isClosing(line) && lines.slice(i + 1).every((l) => !l.trim() || SIGNATURE_LINE(l.trim()))) {
      lines = lines.slice(0, i);
      break;
    }
  }
  trimEnd();
  return lines.join('\n');
}

/**
 * A capitalised line at the end is a name (and not, say, a one-word answer) only when it stands
 * apart: after a blank line, or under a closing.
 */
function isBlankOrClosingAbove(lines: readonly string[]): boolean {
  const above = lines[lines.length - 2]?.trim() ?? '';
  return above === '' || isClosing(above) || /[,]$/.test(above);
}
