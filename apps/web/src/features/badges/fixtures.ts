import type { BadgeProgressResponse, BadgeResponse, CredentialVerificationResponse } from '@als/shared';

export const badge: BadgeResponse = {
  id: 'b-1', setId: 's-1', name: 'Reflective practitioner', description: 'Took part and reflected.', criteria: { minMeetings: 2, presented: true, minWords: 10 },
  prompts: ['Where did you use management skills?'], narrative: 'Took part in at least 2 meetings.', imageUrl: 'http://app.test/api/badges/b-1/image', customImage: false, updatedAt: '2031-03-04T12:00:00.000Z',
};

export const progress = (overrides: Partial<BadgeProgressResponse> = {}): BadgeProgressResponse => ({ badge, meetingsAttended: 2, presented: true, unmet: [], application: null, credentialId: null, ...overrides });

export const verification = (overrides: Partial<CredentialVerificationResponse> = {}): CredentialVerificationResponse => ({
  credentialId: 'c-1', status: 'valid', verified: true, revoked: false, errors: [], badge: { name: 'Reflective practitioner', description: 'Took part and reflected.', narrative: 'Took part in at least 2 meetings.', imageUrl: '/api/badges/b-1/image' },
  issuer: { id: 'did:key:z6MkTest', name: 'Action learning sets', url: 'http://app.test' }, recipientName: null, issuedAt: '2031-03-04T12:00:00Z', evidence: null, checkedAt: '2031-03-05T09:00:00.000Z', ...overrides,
});
