import type { LiveEventAt } from './events';
import { accept, inRoster, isText, isWholeIn, reject, subject, type DecideContext, type LiveDecision } from './decision';
import { METHOD_LIMITS, REVIEW_PROMPTS } from './method-state';
import { absentRefusal } from './presence';
import { LIVE_LIMITS, type LiveSessionState } from './state';

/* The end of the meeting: the process review's ratings, and each person's check-out word. */

export function decideRate(ctx: DecideContext): LiveDecision {
  const { state, payload } = ctx;
  if (state.phase !== 'process-review') return reject('Ratings are given in the process review.');
  const who = subject(ctx);
  if ('error' in who) return reject(who.error);
  const { rating, comment } = payload;
  if (!isWholeIn(rating, LIVE_LIMITS.ratingMin, LIVE_LIMITS.ratingMax)) return reject('rating must be a whole number from 1 to 5.');
  if (comment !== undefined && (typeof comment !== 'string' || comment.length > LIVE_LIMITS.comment)) return reject(`comment must be at most ${LIVE_LIMITS.comment} characters.`);
  if (!inRoster(state, who.userId)) return reject('Only people in the session can rate it.');
  const away = absentRefusal(state, who.userId, 'rate the session');
  if (away) return reject(away);
  return accept({ type: 'rated', payload: { userId: who.userId, rating, comment: (comment ?? '').trim() } });
}

export function decideCheckOut(ctx: DecideContext): LiveDecision {
  const { state, payload } = ctx;
  if (state.phase !== 'check-out') return reject('Check-out words are given at check-out.');
  const who = subject(ctx);
  if ('error' in who) return reject(who.error);
  if (!isText(payload.text, LIVE_LIMITS.checkOut)) return reject(`text must be 1 to ${LIVE_LIMITS.checkOut} characters.`);
  if (!inRoster(state, who.userId)) return reject('Only people in the session can check out.');
  return accept({ type: 'checkedOut', payload: { userId: who.userId, text: payload.text.trim() } });
}

export function evolveReview(state: LiveSessionState, event: LiveEventAt<'rated' | 'checkedOut'>): LiveSessionState {
  switch (event.type) {
    case 'rated': {
      const { userId, rating, comment } = event.payload;
      return { ...state, ratings: [...state.ratings.filter((r) => r.userId !== userId), { userId, rating, comment }] };
    }
    case 'checkedOut': {
      const { userId, text } = event.payload;
      return { ...state, checkOuts: [...state.checkOuts.filter((c) => c.userId !== userId), { userId, text }] };
    }
  }
}

/** A person's words on one of the process review's prompts; anonymous words keep no author in the session or its record. */
export function decideReviewComment(ctx: DecideContext): LiveDecision {
  const { state, now, payload } = ctx;
  if (state.phase !== 'process-review') return reject('The process review’s words are given in the process review.');
  const who = subject(ctx);
  if ('error' in who) return reject(who.error);
  const prompt = REVIEW_PROMPTS.find((p) => p === payload.prompt);
  if (!prompt) return reject(`prompt must be one of ${REVIEW_PROMPTS.join(', ')}.`);
  if (!isText(payload.text, METHOD_LIMITS.reviewWord)) return reject(`text must be 1 to ${METHOD_LIMITS.reviewWord} characters.`);
  const anonymous = payload.anonymous ?? false;
  if (typeof anonymous !== 'boolean') return reject('anonymous must be true or false.');
  if (!inRoster(state, who.userId)) return reject('Only people in the session can review it.');
  const away = absentRefusal(state, who.userId, 'review the session');
  if (away) return reject(away);
  const id = `w${(state.reviewWords ?? []).length + 1}`;
  return accept({ type: 'reviewCommented', payload: { word: { id, prompt, text: payload.text.trim(), authorId: anonymous ? null : who.userId, at: now.toISOString() } } });
}

export function evolveReviewWords(state: LiveSessionState, event: LiveEventAt<'reviewCommented'>): LiveSessionState {
  return { ...state, reviewWords: [...(state.reviewWords ?? []), event.payload.word] };
}
