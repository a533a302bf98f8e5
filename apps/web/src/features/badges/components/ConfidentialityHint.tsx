import { useMemo } from 'react';
import { checkConfidentiality, CONFIDENTIALITY_LABELS } from '@als/shared';

/**
 * A gentle hint under a text box when the text may identify someone (a name, a postcode, an NHS
 * number…): it never blocks, it only says what and suggests a replacement.
 */
export function ConfidentialityHint({ text }: { text: string }) {
  const findings = useMemo(() => checkConfidentiality(text), [text]);
  if (findings.length === 0) return null;
  const shown = findings.slice(0, 3).map((f) => `“${f.text}” (${CONFIDENTIALITY_LABELS[f.kind]}: perhaps “${f.replacement}”)`);
  return (
    <p className="notice-line" role="status">
      Could this identify someone? {shown.join(', ')}
      {findings.length > 3 ? ` and ${findings.length - 3} more` : ''}. What is said in the set stays in the set: consider a replacement.
    </p>
  );
}
