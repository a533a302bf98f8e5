import type { RoundPhase } from './rounds';

/**
 * What a person is told once their contribution to a round is stored, on the web and in the
 * e-mail that confirms a reply: what they sent, in plain words, and what happens next.
 */
export function contributionConfirmation(phase: RoundPhase, { presenterName, byPresenter, title }: { presenterName: string; byPresenter: boolean; title?: string }): string {
  const where = title ? `the round “${title}”` : 'the round';
  switch (phase) {
    case 'case':
      return `Your case is posted in ${where}. The set can now ask clarifying questions.`;
    case 'clarifying':
      return `Thank you: your question to ${presenterName} is in ${where}. ${presenterName} answers the clarifying questions next.`;
    case 'answers':
      return `Thank you: your answer is in ${where}. Everyone can read it now; open questions come next.`;
    case 'questions':
      return `Thank you: your question to ${presenterName} is in ${where}. ${presenterName} reflects on the questions next.`;
    case 'reflection':
      return `Thank you: your reflection is in ${where}. Next you commit to actions.`;
    case 'actions':
      return byPresenter ? `Thank you: your actions are in ${where}. They come up at your next check-in.` : `Thank you: your closing word is in ${where}.`;
    case 'closed':
      return `Thank you: what you wrote is in ${where}.`;
  }
}
