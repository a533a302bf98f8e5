/** How even a share is, in words a commissioner reads: the Gini coefficient with what it means. */
export function describeEquity(gini: number): string {
  const level = gini < 0.15 ? 'very evenly shared' : gini < 0.3 ? 'fairly evenly shared' : gini < 0.45 ? 'unevenly shared' : 'held by a few';
  return `${level} (Gini ${gini.toFixed(2)}; 0 is perfectly even, 1 is one person)`;
}
