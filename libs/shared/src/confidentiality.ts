/*
 * The confidentiality check: what in a text could identify a person who uses services (or anyone
 * else) before it leaves the set — personal names, dates of birth, addresses, UK postcodes, UK
 * phone numbers, e-mail addresses, NHS numbers (modulus 11), Scottish CHI numbers (a date and the
 * same check) and National Insurance numbers (valid prefixes). Pure and fast (one pass of a few
 * regular expressions; well under 5 ms for 2,000 words): the web runs it as a person types, the
 * API again on submit. Each finding has its span, kind and a suggested replacement.
 */

export const CONFIDENTIALITY_KINDS = ['name', 'date-of-birth', 'address', 'postcode', 'phone', 'email', 'nhs-number', 'chi-number', 'ni-number'] as const;
export type ConfidentialityKind = (typeof CONFIDENTIALITY_KINDS)[number];

export const CONFIDENTIALITY_LABELS: Record<ConfidentialityKind, string> = {
  name: 'a name',
  'date-of-birth': 'a date of birth',
  address: 'an address',
  postcode: 'a postcode',
  phone: 'a phone number',
  email: 'an e-mail address',
  'nhs-number': 'an NHS number',
  'chi-number': 'a CHI number',
  'ni-number': 'a National Insurance number',
};

export interface ConfidentialityFinding {
  kind: ConfidentialityKind;
  /** Offsets in the text (UTF-16, as JavaScript strings): `text.slice(start, end)`. */
  start: number;
  end: number;
  text: string;
  /** What to write instead: "Child A", "Person B", "[date]", "[postcode]"… */
  replacement: string;
  /** Stable identity of the finding (kind and text), which a person confirms to keep it. */
  key: string;
}

const PLACEHOLDER: Record<Exclude<ConfidentialityKind, 'name'>, string> = {
  'date-of-birth': '[date]',
  address: '[address]',
  postcode: '[postcode]',
  phone: '[phone number]',
  email: '[e-mail address]',
  'nhs-number': '[NHS number]',
  'chi-number': '[CHI number]',
  'ni-number': '[NI number]',
};

/** When two findings overlap, the one of the earlier kind here is kept. */
const PRIORITY: ConfidentialityKind[] = ['email', 'nhs-number', 'chi-number', 'ni-number', 'phone', 'postcode', 'date-of-birth', 'address', 'name'];

export function findingKey(kind: ConfidentialityKind, text: string): string {
  return `${kind}:${text.toLowerCase().replace(/\s+/g, ' ').trim()}`;
}

// ---------------------------------------------------------------- identifiers with a check

/** The modulus 11 check of NHS and CHI numbers: weights 10…2 on the first nine digits. */
export function modulus11Valid(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

/** A CHI number starts with the person's date of birth, DDMMYY. */
function chiDateValid(digits: string): boolean {
  const day = Number(digits.slice(0, 2));
  const month = Number(digits.slice(2, 4));
  if (month < 1 || month > 12 || day < 1) return false;
  const days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day <= days;
}

/** National Insurance prefixes never issued: D, F, I, Q, U, V anywhere; O second; BG, GB, NK, KN, TN, NT, ZZ. */
const NI = /\b([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])\s?(\d{2})\s?(\d{2})\s?(\d{2})\s?([A-D])\b/gi;
const NI_NEVER = new Set(['BG', 'GB', 'NK', 'KN', 'TN', 'NT', 'ZZ']);

const TEN_DIGITS = /(?<![\d+])(\d{3}[ -]?\d{3}[ -]?\d{4}|\d{6}[ -]?\d{4})(?![\d])/g;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
const POSTCODE = /\b(?:GIR ?0AA|[A-PR-UWYZ](?:\d{1,2}|[A-HK-Y]\d{1,2}|\d[A-HJKPSTUW]|[A-HK-Y]\d[ABEHMNPRVWXY]) ?\d[ABD-HJLNP-UW-Z]{2})\b/gi;
/** A UK number: +44 (with an optional (0)) or a leading 0, then digits in groups. */
const PHONE = /(?<![\w+])(?:\+44\s?(?:\(0\)\s?)?|\(?0)\d[\d )-]{7,14}\d(?!\d)/g;

// ---------------------------------------------------------------------------------- dates
const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec';
const DATE_PATTERN = `(?:\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2,4}|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTHS})\\.?,?\\s+\\d{4}|(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}|(?:${MONTHS})\\s+\\d{4}|\\d{4}-\\d{2}-\\d{2})`;
const DOB = new RegExp(`\\b(?:DOB|D\\.O\\.B\\.?|date of birth|birth date|born(?:\\s+on|\\s+in)?|birthday|b\\.)\\s*[:-]?\\s*(?:(?:is|was|as|of|on)\\s+)*(${DATE_PATTERN})`, 'gi');
/** A full date in brackets straight after a capitalised word: "Kacper (12/05/2016)". */
const DATE_AFTER_NAME = new RegExp(`\\p{Lu}\\p{Ll}+\\s*\\((${DATE_PATTERN})\\)`, 'gu');

// ------------------------------------------------------------------------------ addresses
const STREET = 'Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Drive|Dr|Way|Crescent|Cres|Court|Ct|Place|Pl|Gardens|Gdns|Terrace|Grove|Square|Sq|Mews|Row|Walk|Rise|Parade|Green|Hill|View|Park|Wynd|Brae|Gate|Croft|Vale|Chase|Meadow|Meadows|Fold|Bank|Street';
const RESIDENTIAL = 'Road|Street|Avenue|Lane|Close|Drive|Way|Crescent|Court|Place|Gardens|Terrace|Grove|Mews|Row|Wynd|Brae|Croft|Rise|Walk';
const CAPITALISED = `[\\p{Lu}][\\p{Ll}'’-]+`;
const NUMBERED_ADDRESS = new RegExp(`(?:\\b(?:Flat|Apartment|Apt|Unit)\\s+\\d+[A-Za-z]?,?\\s+)?\\b\\d{1,4}[A-Za-z]?,?\\s+(?:${CAPITALISED}\\s+){1,3}(?:${STREET})\\b`, 'gu');
const FLAT_IN_BLOCK = new RegExp(`\\b(?:Flat|Apartment|Apt)\\s+\\d+[A-Za-z]?,?\\s+(?:${CAPITALISED}\\s+){1,3}(?:House|Court|Tower|Lodge|Mansions|Buildings|Point|Heights)\\b`, 'gu');
const ADDRESS_IN_PROSE = new RegExp(`\\b(?:lives?|living|lived|moved|moving|address(?:\\s+is)?|home|house|flat|stays?|staying|resides?|placed|housed)\\s+(?:at|to|on|in|into)\\s+((?:${CAPITALISED}\\s+){1,3}(?:${RESIDENTIAL}))\\b`, 'gu');

// ---------------------------------------------------------------------------------- names
/** Given names common in the UK (all communities). Lower case. */
const GIVEN_NAMES = new Set(
  `aaliyah aaron abdul abdullah abigail adam adrian agnieszka ahmed aidan aiden aisha alan albert aleksander alex alexander alfie alice alicia alisha alison amara amelia amir amy ana andrea andrew aneta angela ann anna anne anthony archie arjun arthur ashley aubrey ava ayesha barbara ben benjamin bethany billy bobby bogdan bradley brandon brian caitlin callum cameron carl carla caroline catherine charlie charlotte chelsea chloe chris christine christopher ciara claire colin connor craig daisy dale damian daniel danielle darren david dawid dean deborah declan demi denise derek diane dominic donna dylan edward eilidh eleanor elena elijah elizabeth ella ellie emily emma eric erin ethan evan evie ewa faisal fatima finley finn fiona frankie freddie freya gareth gary gavin gemma george georgia gillian graham grant hamza hannah harley harper harrison harry harvey hassan hayley helen henry hussain ibrahim imran isaac isabel isabella isabelle isla ismail jack jacob jade jake jakub james jamie jan jane janet jasmine jason jayden jessica joanne john jonathan jordan joseph joshua julia julie justin kacper kai karen kasia katie kayden kayla keith kelly kerry kevin kieran kirsty kyle lauren layla leah lee leo leon lewis liam linda lisa logan lois lorraine louise lucas lucy luke lynn maciej mandy marcus maria marie mark marta martin mason matthew megan melissa mia michael michelle mikolaj mohammed mohammad muhammad molly nadia naomi natalia natalie nathan neil nicola nicole niamh noah oliver olivia oliwia omar oscar owen paul paula peter phoebe piotr priya rachel rebecca reece rhys richard riley robert rosie ryan sadia sahil samantha samuel sandra sara sarah scarlett scott sean shannon sharon shaun simon sophia sophie stacey stephen steven stuart susan szymon tanya teresa theo thomas tom tommy tracey tyler victoria wayne william wiktoria yusuf zainab zara zoe zofia`.split(' '),
);
/** Given names that are also ordinary words (or months): names only with a sign that they are. */
const AMBIGUOUS_NAMES = new Set(
  `amber april autumn bill carol crystal dawn faith frank grace hazel heather holly hope iris ivy jasmine jay joy june lily may olive pat patience pearl penny poppy robin rose ruby sky summer sunny victor violet will`.split(' '),
);
/** Words that say the next capitalised word is a person: "her son Kacper", "called Ewa" (lower case: "the Children Act" is not). */
const RELATION = new Set(
  `son daughter grandson granddaughter stepson stepdaughter son-in-law daughter-in-law child children boy girl baby toddler infant brother sister sibling twin mother mum mam father dad stepfather stepdad stepmother stepmum parent partner husband wife ex-partner boyfriend girlfriend grandmother grandma gran nan nana grandfather grandad grandpa aunt auntie uncle cousin nephew niece carer neighbour friend named called client resident pupil teenager tenant patient landlord lodger youngster man woman lady gentleman person`.split(' '),
);
const CHILD_CONTEXT = /\b(?:son|daughter|child|children|boy|girl|baby|toddler|infant|nephew|niece|pupil|teenager|youngster|school|nursery|aged\s+(?:[1-9]|1[0-7])\b|\(\s*(?:[1-9]|1[0-7])\s*\)|year\s+\d+)/i;
/** Verbs only a person does, straight after the word: "Grace said". */
const PERSON_VERB = /^\s+(?:said|says|told|tells|asked|explained|disclosed|reported|felt|feels|wanted|wants|went|came|cried|shouted|refused|agreed|lives|lived|attended|missed|stayed|moved|returned|spoke|talked|arrived|rang|texted|showed|shared|admitted|denied|insisted|drew|wrote|phoned|thinks|thought|knows|knew|hates|hated|loves|loved|likes|liked)\b/;
/** Any verb or possessive: enough for a capitalised word inside a sentence. */
const SPEECH_VERB = /^(?:'s|’s|\s+(?:was|is|has|had|did|does|would|could|should|must|might|can|will|needs|needed|seems|seemed|became|started|stopped|looked|made|left|called|got)\b)/;
/** Verbs that take a person as their object, straight before the word: "I have known Will". */
const PERSON_OBJECT = new Set(`known visited met asked told phoned rang supported helped interviewed saw seen see meet visit ask tell that`.split(' '));
/** Verbs whose object is a person rather than a place ("visited" and "saw" take places too). */
const MEETS_PERSON = new Set(`met asked told phoned rang interviewed supported helped reassured challenged thanked`.split(' '));
/** Capitalised words after a name-like word that make it a place: "Victoria Park", "Grace House". */
const PLACE = /^\s+(?:House|Park|Road|Street|Centre|Center|Hospital|School|Academy|College|Station|Square|Court|Hall|Gardens|Lodge|Surgery|Ward|Unit|Library|Church|Bridge)\b/;
const AGE_AFTER = /^\s*(?:\(\s*(?:aged\s+)?\d{1,2}\s*\)|,\s*(?:aged\s+)?\d{1,2}\s*[,)]|,?\s+aged\s+\d{1,2}\b)/i;
const TITLES = new Set(['Mr', 'Mrs', 'Ms', 'Miss', 'Mx', 'Dr']);
/** Capitalised words that are never a person here (roles, placeholders, places of practice, calendar). */
const NOT_A_NAME = new Set(
  `act the a an and but or so if when then this that these those there their they she he his her it its we our you your my i me us them child person adult mother father parent carer young people family social worker manager team service services council school nursery court hospital police nhs camhs gp monday tuesday wednesday thursday friday saturday sunday january february march july september october november december mr mrs ms miss dr mx after before during while because although however also yes no not one two three four five six seven eight nine ten first second third last next each every all some any many most both either neither he'd she'd i'm we're they're i've we've`.split(' '),
);

const WORD = /\p{Lu}(?:['’]\p{Lu})?[\p{Ll}'’-]*\p{Ll}|\p{Lu}\p{Ll}/gu;

interface Raw {
  kind: ConfidentialityKind;
  start: number;
  end: number;
  child?: boolean;
}

function sentenceInitial(text: string, index: number): boolean {
  for (let i = index - 1; i >= 0; i--) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '"' || c === '“' || c === '‘' || c === "'" || c === '(') continue;
    return c === '.' || c === '!' || c === '?' || c === '\n' || c === ':' || c === ';' || c === '•' || c === '-';
  }
  return true;
}

/** The word just before `index` (skipping spaces, a comma or a full stop after a title), as written. */
function previousWord(text: string, index: number): string {
  let i = index - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === ',' || text[i] === '.' || text[i] === '\t')) i--;
  const end = i + 1;
  while (i >= 0 && /[\p{L}-]/u.test(text[i])) i--;
  return text.slice(i + 1, end);
}

/** The sentence a span is in (for telling a child from an adult). */
function sentenceAround(text: string, start: number, end: number): string {
  let from = start;
  while (from > 0 && !/[.!?\n]/.test(text[from - 1])) from--;
  let to = end;
  while (to < text.length && !/[.!?\n]/.test(text[to])) to++;
  return text.slice(from, to);
}

function stripPossessive(word: string): string {
  return word.replace(/['’]s$/, '');
}

function findNames(text: string, out: Raw[]): void {
  WORD.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = WORD.exec(text))) {
    const word = stripPossessive(match[0]);
    const lower = word.toLowerCase();
    const start = match.index;
    if (word.length < 2 || NOT_A_NAME.has(lower)) continue;
    // An anonymised reference ("Child A", "Mother B") is what we suggest, not a finding.
    const previous = previousWord(text, start);
    const after = text.slice(start + word.length, start + word.length + 40);
    const titled = TITLES.has(previous);
    const related = RELATION.has(previous);
    const acts = PERSON_VERB.test(after);
    const speaks = acts || SPEECH_VERB.test(after) || PERSON_OBJECT.has(previous.toLowerCase());
    const aged = AGE_AFTER.test(after);
    const known = GIVEN_NAMES.has(lower);
    const ambiguous = AMBIGUOUS_NAMES.has(lower);
    const initial = sentenceInitial(text, start);
    const monthLike = /^(?:april|may|june|august)$/.test(lower) && /^\s*(?:\d|,?\s*\d{4}|\s+(?:half-term|holidays?|half term))/.test(after);
    let isName = false;
    if (titled || related || aged) isName = true;
    else if (ambiguous) isName = initial ? acts : speaks && !monthLike;
    else if (known) isName = !PLACE.test(after);
    // A word we do not know as a name, inside a sentence, that only a person fits: "Tariq said", "I met Tariq".
    else if (!initial && word === match[0] && (acts || MEETS_PERSON.has(previous.toLowerCase()))) isName = !PLACE.test(after);
    if (!isName) continue;
    // A surname (or more given names) straight after: one finding.
    let end = start + word.length;
    const surname = /^\s+(\p{Lu}[\p{Ll}'’-]+(?:-\p{Lu}[\p{Ll}]+)?)/u.exec(text.slice(end));
    if (surname && !NOT_A_NAME.has(stripPossessive(surname[1]).toLowerCase()) && !new RegExp(`^(?:${STREET})$`).test(surname[1])) {
      end += surname[0].length - (surname[1].length - stripPossessive(surname[1]).length);
    }
    // "Mrs Patel": the title is part of what identifies the person.
    const from = titled ? text.lastIndexOf(previous, start) : start;
    out.push({ kind: 'name', start: from, end, child: CHILD_CONTEXT.test(sentenceAround(text, from, end)) });
    WORD.lastIndex = end;
  }
}

function findAll(regex: RegExp, text: string, each: (match: RegExpExecArray) => Raw | null, out: Raw[]): void {
  regex.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = regex.exec(text))) {
    const found = each(match);
    if (found) out.push(found);
  }
}

/** Every finding in `text`, in order of position, without overlaps. */
export function checkConfidentiality(text: string): ConfidentialityFinding[] {
  const raw: Raw[] = [];
  findAll(EMAIL, text, (m) => ({ kind: 'email', start: m.index, end: m.index + m[0].length }), raw);
  findAll(TEN_DIGITS, text, (m) => {
    const digits = m[0].replace(/\D/g, '');
    if (!modulus11Valid(digits)) return null;
    const before = text.slice(Math.max(0, m.index - 20), m.index);
    const grouped334 = /^\d{3}[ -]\d{3}[ -]\d{4}$/.test(m[0]);
    const chi = /\bCHI\b/i.test(before) || (!/\bNHS\b/i.test(before) && !grouped334 && chiDateValid(digits) && /^[0-3]/.test(digits));
    return { kind: chi ? 'chi-number' : 'nhs-number', start: m.index, end: m.index + m[0].length };
  }, raw);
  findAll(NI, text, (m) => (NI_NEVER.has(m[1].toUpperCase()) ? null : { kind: 'ni-number', start: m.index, end: m.index + m[0].length }), raw);
  findAll(PHONE, text, (m) => {
    const trimmed = m[0].replace(/[\s)(-]+$/, '');
    let digits = trimmed.replace(/\D/g, '');
    if (digits.startsWith('44')) digits = `0${digits.slice(2).replace(/^0/, '')}`;
    if (!/^0[1-37-9]/.test(digits) || digits.length < 10 || digits.length > 11) return null;
    return { kind: 'phone', start: m.index, end: m.index + trimmed.length };
  }, raw);
  findAll(POSTCODE, text, (m) => {
    // Lower-case look-alikes in prose ("a1 2bc" is rare, "on 3rd" never matches): accept only with a space or in capitals.
    if (m[0] !== m[0].toUpperCase() && !/\s/.test(m[0])) return null;
    return { kind: 'postcode', start: m.index, end: m.index + m[0].length };
  }, raw);
  findAll(DOB, text, (m) => {
    const start = m.index + m[0].lastIndexOf(m[1]);
    return { kind: 'date-of-birth', start, end: start + m[1].length };
  }, raw);
  findAll(DATE_AFTER_NAME, text, (m) => {
    const start = m.index + m[0].indexOf(m[1]);
    return { kind: 'date-of-birth', start, end: start + m[1].length };
  }, raw);
  findAll(NUMBERED_ADDRESS, text, (m) => ({ kind: 'address', start: m.index, end: m.index + m[0].length }), raw);
  findAll(FLAT_IN_BLOCK, text, (m) => ({ kind: 'address', start: m.index, end: m.index + m[0].length }), raw);
  findAll(ADDRESS_IN_PROSE, text, (m) => {
    const start = m.index + m[0].lastIndexOf(m[1]);
    return { kind: 'address', start, end: start + m[1].length };
  }, raw);
  findNames(text, raw);
  return settle(text, raw);
}

/** Drops overlaps (earlier kinds in PRIORITY win, then the longer span), orders by position and suggests replacements. */
function settle(text: string, raw: Raw[]): ConfidentialityFinding[] {
  const ranked = [...raw].sort((a, b) => PRIORITY.indexOf(a.kind) - PRIORITY.indexOf(b.kind) || b.end - b.start - (a.end - a.start));
  const kept: Raw[] = [];
  for (const r of ranked) if (!kept.some((k) => r.start < k.end && k.start < r.end)) kept.push(r);
  kept.sort((a, b) => a.start - b.start);
  // One label per person (by given name, or whole name after a title), "Child" if any mention says so.
  const person = (found: string) => {
    const first = found.split(/\s+/)[0].toLowerCase();
    return /^(?:mr|mrs|ms|miss|mx|dr)\.?$/.test(first) ? found.toLowerCase() : first;
  };
  const labels = new Map<string, { letter: string; child: boolean }>();
  for (const r of kept.filter((k) => k.kind === 'name')) {
    const who = person(text.slice(r.start, r.end));
    const label = labels.get(who) ?? { letter: String.fromCharCode(65 + (labels.size % 26)), child: false };
    label.child ||= Boolean(r.child);
    labels.set(who, label);
  }
  return kept.map((r) => {
    const found = text.slice(r.start, r.end);
    let replacement: string;
    if (r.kind === 'name') {
      const label = labels.get(person(found))!;
      replacement = `${label.child ? 'Child' : 'Person'} ${label.letter}`;
    } else {
      replacement = PLACEHOLDER[r.kind];
    }
    return { kind: r.kind, start: r.start, end: r.end, text: found, replacement, key: findingKey(r.kind, found) };
  });
}

/** The text with each finding replaced by its suggestion (or by `replacements[key]` when given). */
export function applyReplacements(text: string, findings: readonly ConfidentialityFinding[], replacements: Readonly<Record<string, string>> = {}): string {
  let result = text;
  for (const f of [...findings].sort((a, b) => b.start - a.start)) result = result.slice(0, f.start) + (replacements[f.key] ?? f.replacement) + result.slice(f.end);
  return result;
}

/** How many findings of each kind: what a facilitator may see (never the text). */
export function countFindings(findings: readonly ConfidentialityFinding[]): Partial<Record<ConfidentialityKind, number>> {
  const counts: Partial<Record<ConfidentialityKind, number>> = {};
  for (const f of findings) counts[f.kind] = (counts[f.kind] ?? 0) + 1;
  return counts;
}

/** The findings not in `confirmed` (keys the person said are fine to keep). */
export function unresolvedFindings(text: string, confirmed: readonly string[] = []): ConfidentialityFinding[] {
  const keep = new Set(confirmed);
  return checkConfidentiality(text).filter((f) => !keep.has(f.key));
}
