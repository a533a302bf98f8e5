import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { MeetingDetailResponse } from '@als/shared';
import { LiveMeetingInfo } from './LiveMeetingInfo';

const meeting = {
  id: 'm-1', setId: 'set-1', setName: 'Hard cases', seriesId: null, startsAt: '2027-02-02T09:30:00.000Z', endsAt: '2027-02-02T12:30:00.000Z', timeZone: 'Europe/London',
  format: 'online', location: '', videoUrl: 'https://meet.example.org/set', dialInNumbers: ['+44 20 3481 5237', '0800 123 4567'], dialInPasscode: '482193#',
} as MeetingDetailResponse;

describe(LiveMeetingInfo.name, () => {
  it('shows the meeting’s date in the person’s zone, the video link and the dial-in details', () => {
    render(<LiveMeetingInfo meeting={meeting} zone="Europe/London" />);
    expect(screen.getByText(/2 February 2027, 09:30 – 12:30/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Join the video call/ })).toHaveAttribute('href', 'https://meet.example.org/set');
    expect(screen.getByRole('link', { name: '0800 123 4567' })).toHaveAttribute('href', 'tel:08001234567');
    expect(screen.getByText(/Dial in:/)).toHaveTextContent('Dial in: +44 20 3481 5237 or 0800 123 4567, passcode 482193#');
  });

  it('shows no call line for a meeting in a room without a link', () => {
    render(<LiveMeetingInfo meeting={{ ...meeting, format: 'in-person', location: 'Room 4', videoUrl: '', dialInNumbers: [], dialInPasscode: '' }} zone="Europe/London" />);
    expect(screen.getByText(/Room 4/)).toBeInTheDocument();
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });
});
