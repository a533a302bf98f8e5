import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi, renderPage } from '@web/test/render';
import { ConfidentialityCountsPanel } from './ConfidentialityCountsPanel';

describe(ConfidentialityCountsPanel.name, () => {
  it('gives the facilitator counts only: how many texts, from where, of which kinds', async () => {
    mockApi({ 'GET /api/sets/s-1/badge/confidentiality': { status: 200, body: { checked: 12, flagged: 2, byKind: { name: 2, postcode: 1 }, bySource: { case: 1, 'email-reply': 1 } } } });
    renderPage(<ConfidentialityCountsPanel setId="s-1" facilitating />);
    expect(await screen.findByText('2 of 12 texts in the set may identify someone: 1 case texts, 1 e-mail replies.')).toBeInTheDocument();
    expect(screen.getByText(/2 × a name, 1 × a postcode/)).toBeInTheDocument();
  });

  it('is not asked for, nor shown, for anyone else', () => {
    const api = mockApi({});
    renderPage(<ConfidentialityCountsPanel setId="s-1" facilitating={false} />);
    expect(screen.queryByRole('heading', { name: 'Confidentiality' })).not.toBeInTheDocument();
    expect(api.calls).toHaveLength(0);
  });
});
