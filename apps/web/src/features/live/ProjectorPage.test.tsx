import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { evolve, initialLiveState, type LiveSessionState } from '@als/shared';
import { FRAN, PAT, serverLog } from './liveTesting';
import type { LiveSession } from './useLiveSession';

let shown: LiveSessionState | null = null;
vi.mock('./useLiveSession', () => ({
  useLiveSession: (): LiveSession => ({ state: shown, seq: 0, present: [], connected: true, error: null, offsetMs: 0, role: null, send: vi.fn() }),
}));
const { ProjectorPage } = await import('./ProjectorPage');

/** Pat presenting, with their ask (and, when `withheld`, their case withheld from the record). */
function presenting(withheld: boolean): LiveSessionState {
  const commands: Parameters<typeof serverLog>[0] = [
    [FRAN, 'start', {}],
    [FRAN, 'advance', {}],
    [FRAN, 'setOrder', { presenterIds: ['pat'] }],
    [FRAN, 'advance', {}],
    [PAT, 'setAsk', { text: 'Help me see what I am missing.' }],
  ];
  if (withheld) commands.push([PAT, 'withholdCase', { withheld: true }]);
  const log = serverLog(commands, Date.parse('2030-03-05T09:30:00.000Z'));
  return log.reduce((s, e) => evolve(s, e), initialLiveState('m1'));
}

describe('ProjectorPage', () => {
  it('shows the presenter’s ask on the room’s screen', () => {
    shown = presenting(false);
    render(<MemoryRouter><ProjectorPage /></MemoryRouter>);
    expect(screen.getByLabelText('The presenter’s ask')).toHaveTextContent('Help me see what I am missing.');
  });

  it('does not show the ask of a case its presenter withheld', () => {
    shown = presenting(true);
    render(<MemoryRouter><ProjectorPage /></MemoryRouter>);
    expect(screen.queryByLabelText('The presenter’s ask')).toBeNull();
  });
});
