import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ConfidentialityHint } from './ConfidentialityHint';

describe(ConfidentialityHint.name, () => {
  it('hints at a possible identifier with a suggested replacement, and says nothing otherwise', () => {
    const { rerender } = render(<ConfidentialityHint text="Her son Kacper was excluded." />);
    expect(screen.getByRole('status')).toHaveTextContent('Could this identify someone? “Kacper” (a name: perhaps “Child A”)');
    rerender(<ConfidentialityHint text="There is still hope for the placement." />);
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });
});
