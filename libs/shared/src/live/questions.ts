/**
 * Question coaching (DOMAIN.md: "questions, not advice"). Classifies a question so the asker can
 * see a gentle hint before sending and the facilitator can see how the questioning goes. It never
 * blocks: a hint, not a rule.
 */
export const QUESTION_KINDS = ['open', 'closed', 'leading', 'advice'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export interface QuestionCoaching {
  kind: QuestionKind;
  /** One short sentence for the asker; empty for a good open question. */
  reason: string;
}

const ADVICE: [RegExp, string][] = [
  [/^(have|had) you (thought|considered|tried|looked|asked|spoken|talked)\b/i, '"Have you thought about…" usually carries a suggestion: ask what they have considered instead.'],
  [/^why (don'?t|do not|not|wouldn'?t) you\b/i, '"Why don\'t you…" is advice in disguise: try "What options do you see?"'],
  [/^(you|u) (should|could|need to|must|might want to|ought to|have to)\b/i, 'This tells the presenter what to do: turn it into an open question about their own view.'],
  [/^(what about|how about)\b/i, '"What about…" offers your idea: ask what they see as possible instead.'],
  [/^(in my (team|experience|service|last job)|when i (was|had|did)|what i (did|do|would)|i would|i'd|if i were you|we (always|used to))\b/i, 'This shares your own experience: the presenter needs questions that help them think.'],
  [/^(could|can|couldn'?t|would|wouldn'?t) you (not )?(just|try|maybe|perhaps|ask|speak|talk|call|refer|escalate)\b/i, 'This is a suggestion phrased as a question: ask what they could do, not whether they will do your idea.'],
  [/^(maybe|perhaps|surely) you\b/i, 'This offers a solution: ask an open question instead.'],
  [/^(is it worth|would it (help|be worth)|wouldn'?t it be (better|easier))\b/i, 'This suggests an answer: ask what would help, in their view.'],
];

const LEADING: [RegExp, string][] = [
  [/\b(don'?t|doesn'?t|isn'?t|aren'?t|wasn'?t|weren'?t|won'?t|wouldn'?t|can'?t|couldn'?t|didn'?t|haven'?t|hasn'?t)\s+(you|it|they|he|she|that|this|we|there)\b.*\?$/i, 'This seems to expect a particular answer: ask it openly so they can answer their own way.'],
  [/\b(right|surely|obviously|of course)\s*\?$/i, 'This leads towards an answer: ask without suggesting one.'],
  [/^(surely|obviously|clearly)\b/i, 'This leads towards an answer: ask without suggesting one.'],
  [/^(do|don'?t) you (think|feel|agree) (that )?(it|this|they|he|she|you)\b/i, 'This puts your view into the question: ask "What do you make of…?" instead.'],
];

const CLOSED = /^(is|are|was|were|am|do|does|did|have|has|had|can|could|will|would|should|shall|may|might|must|won'?t|isn'?t|aren'?t|didn'?t|doesn'?t)\b/i;
const OPEN = /^(what|how|why|where|when|who|whom|whose|which|in what|to what|tell me|describe|talk (me|us) through|say more|help (me|us) understand)\b/i;

/** Classifies a question (English), with a short reason for anything but an open question. */
export function classifyQuestion(text: string): QuestionCoaching {
  // Phones and word processors type curly apostrophes and quotes: read them as straight ones.
  const question = text.trim().replace(/[\u2018\u2019\u02bc]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/\s+/g, ' ').replace(/^(and|so|but|ok|okay|right|well)[,\s]+/i, '');
  for (const [pattern, reason] of ADVICE) if (pattern.test(question)) return { kind: 'advice', reason };
  for (const [pattern, reason] of LEADING) if (pattern.test(question)) return { kind: 'leading', reason };
  if (OPEN.test(question)) return { kind: 'open', reason: '' };
  if (CLOSED.test(question)) return { kind: 'closed', reason: 'This can be answered yes or no: starting with "what" or "how" opens it up.' };
  if (!question.endsWith('?')) return { kind: 'advice', reason: 'This reads as a statement or a suggestion: try asking an open question.' };
  return { kind: 'closed', reason: 'Starting with "what" or "how" would open this question up.' };
}

/** Counts of each kind of question, for the facilitator. */
export function questionCounts(kinds: readonly QuestionKind[]): Record<QuestionKind, number> {
  const counts: Record<QuestionKind, number> = { open: 0, closed: 0, leading: 0, advice: 0 };
  for (const kind of kinds) counts[kind]++;
  return counts;
}
