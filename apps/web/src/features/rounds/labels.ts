/** How the question classifier's kinds read to the writer and the moderator. */
export const KIND_LABELS = { open: 'open question', closed: 'closed question', leading: 'leading question', advice: 'advice in disguise' } as const;
