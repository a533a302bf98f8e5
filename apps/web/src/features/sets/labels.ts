import type { InvitationStatus, SetMode, SetRole } from '@als/shared';

export const MODE_LABELS: Record<SetMode, string> = {
  'face-to-face': 'Face to face',
  virtual: 'Virtual (video)',
  async: 'Asynchronous (web and e-mail)',
  blended: 'Blended',
};

export const ROLE_LABELS: Record<SetRole, string> = {
  facilitator: 'Facilitator',
  member: 'Member',
  sponsor: 'Sponsor',
};

export const INVITATION_STATUS_LABELS: Record<InvitationStatus, string> = {
  pending: 'Waiting for a reply',
  accepted: 'Accepted',
  revoked: 'Revoked',
  expired: 'Expired',
};
