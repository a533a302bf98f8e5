import { randomUUID } from 'node:crypto';
import type { AuthResponse, InvitationCreatedResponse, SetCreateRequest, SetResponse, SetRole } from '@als/shared';
import { request, TestApp } from './app';

export interface TestUser {
  id: string;
  email: string;
  displayName: string;
  token: string;
  auth: { Authorization: string };
}

export const PASSWORD = 'correct horse battery';

export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}-${randomUUID().slice(0, 8)}@example.org`;
}

export async function registerUser(t: TestApp, overrides: Partial<{ email: string; displayName: string; timeZone: string }> = {}): Promise<TestUser> {
  const body = { email: uniqueEmail(), password: PASSWORD, displayName: 'Test Person', ...overrides };
  const response = await request(t.http).post('/api/auth/register').send(body).expect(201);
  const auth = response.body as AuthResponse;
  return { id: auth.user.id, email: auth.user.email, displayName: auth.user.displayName, token: auth.accessToken, auth: { Authorization: `Bearer ${auth.accessToken}` } };
}

export async function createSet(t: TestApp, facilitator: TestUser, overrides: Partial<SetCreateRequest> = {}): Promise<SetResponse> {
  const body: SetCreateRequest = { name: 'Practice set', mode: 'blended', timeZone: 'Europe/London', purpose: 'Working on hard cases', ...overrides };
  const response = await request(t.http).post('/api/sets').set(facilitator.auth).send(body).expect(201);
  return response.body as SetResponse;
}

export async function invite(t: TestApp, facilitator: TestUser, setId: string, email: string, role: SetRole = 'member'): Promise<InvitationCreatedResponse> {
  const response = await request(t.http).post(`/api/sets/${setId}/invitations`).set(facilitator.auth).send({ email, role }).expect(201);
  return response.body as InvitationCreatedResponse;
}

/** Registers a person and brings them into the set with `role` through a real invitation. */
export async function addMember(t: TestApp, facilitator: TestUser, setId: string, role: SetRole = 'member'): Promise<TestUser> {
  const person = await registerUser(t, { displayName: `A ${role}` });
  const invitation = await invite(t, facilitator, setId, person.email, role);
  await request(t.http).post(`/api/invitations/${invitation.token}/accept`).set(person.auth).send({ acceptGroundRules: true }).expect(200);
  return person;
}

/** A set with one person of each role, plus an outsider and a removed member. */
export async function setWithRoles(t: TestApp) {
  const facilitator = await registerUser(t, { displayName: 'Fran Facilitator' });
  const set = await createSet(t, facilitator);
  const member = await addMember(t, facilitator, set.id, 'member');
  const sponsor = await addMember(t, facilitator, set.id, 'sponsor');
  const removed = await addMember(t, facilitator, set.id, 'member');
  await request(t.http).delete(`/api/sets/${set.id}/members/${removed.id}`).set(facilitator.auth).expect(204);
  const outsider = await registerUser(t, { displayName: 'Olly Outsider' });
  return { set, facilitator, member, sponsor, removed, outsider };
}
