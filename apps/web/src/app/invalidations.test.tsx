import type { ReactNode } from 'react';
import { QueryClient, QueryClientProvider, type QueryKey } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { actionKeys, useReportBack } from '@web/features/actions/api/actions';
import { badgeKeys } from '@web/features/badges/api/badges';
import { evaluationKeys, useAnswerSelfAssessment } from '@web/features/evaluation/api/evaluation';
import { invitationKeys, useAcceptInvitation, useInvite } from '@web/features/invitations/api/invitations';
import { meetingKeys, useCancelMeeting, useReply, useScheduleMeeting, useUpdateSeries } from '@web/features/meetings/api/meetings';
import { roundKeys, useContribute, useModerateRound, useOpenRound } from '@web/features/rounds/api/rounds';
import { setKeys, useChangeRole, useCloseSet, useCreateSet, useHandOver, useRemoveMember, useUpdateSet } from '@web/features/sets/api/sets';
import { mockApi } from '@web/test/render';

const A = 'set-a';
const B = 'set-b';

/** What a set's page and panels keep in the cache, for one set. */
function setQueries(setId: string): QueryKey[] {
  return [
    setKeys.detail(setId),
    meetingKeys.list(setId),
    meetingKeys.attendance(setId),
    roundKeys.list(setId),
    actionKeys.list(setId),
    invitationKeys.list(setId),
    evaluationKeys.evaluation(setId),
    evaluationKeys.selfAssessment(setId),
    badgeKeys.badge(setId),
  ];
}

const meetingPages: [QueryKey, unknown][] = [
  [meetingKeys.detail('m-a1'), { id: 'm-a1', setId: A, seriesId: 'series-a1' }],
  [meetingKeys.detail('m-a2'), { id: 'm-a2', setId: A, seriesId: 'series-a1' }],
  [meetingKeys.detail('m-a3'), { id: 'm-a3', setId: A, seriesId: null }],
  [meetingKeys.detail('m-b1'), { id: 'm-b1', setId: B, seriesId: 'series-b1' }],
];

const roundPages: QueryKey[] = [roundKeys.round('r-a'), roundKeys.round('r-b')];

/** A cache holding two sets' queries, meeting pages, round pages and the person's own lists. */
function seededClient() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  for (const key of [...setQueries(A), ...setQueries(B), ...roundPages, setKeys.list, actionKeys.mine]) client.setQueryData(key, { seeded: true });
  for (const [key, data] of meetingPages) client.setQueryData(key, data);
  return client;
}

const name = (key: QueryKey) => JSON.stringify(key);

/** Runs one mutation against the seeded cache and answers the keys it invalidated. */
async function invalidatedBy<T>(useMutationHook: () => { mutateAsync: (variables: T) => Promise<unknown> }, variables: T): Promise<string[]> {
  const client = seededClient();
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
  const { result } = renderHook(useMutationHook, { wrapper });
  await act(() => result.current.mutateAsync(variables));
  return client
    .getQueryCache()
    .getAll()
    .filter((query) => query.state.isInvalidated)
    .map((query) => name(query.queryKey))
    .sort();
}

const sorted = (keys: QueryKey[]) => keys.map(name).sort();
const answer = (body: unknown) => ({ status: 200, body });

describe('query invalidations', () => {
  it('refetch nothing of another set when a set changes', async () => {
    mockApi({
      [`PATCH /api/sets/${A}`]: answer({ id: A }),
      [`DELETE /api/sets/${A}/members/u1`]: { status: 204 },
      [`PATCH /api/sets/${A}/members/u1`]: answer({ userId: 'u1' }),
      [`POST /api/sets/${A}/facilitator-handover`]: answer([]),
      [`POST /api/sets/${A}/close`]: answer({ id: A }),
      'POST /api/sets': answer({ id: 'set-c' }),
    });
    expect(await invalidatedBy(() => useUpdateSet(A), { name: 'Renamed' })).toEqual(sorted([setKeys.detail(A), setKeys.list]));
    expect(await invalidatedBy(() => useChangeRole(A), { userId: 'u1', role: 'member' })).toEqual(sorted([setKeys.detail(A)]));
    const wholeSetA = sorted([...setQueries(A), setKeys.list]);
    expect(await invalidatedBy(() => useRemoveMember(A), 'u1')).toEqual(wholeSetA);
    expect(await invalidatedBy(() => useHandOver(A), 'u1')).toEqual(wholeSetA);
    expect(await invalidatedBy(() => useCloseSet(A), { retentionDays: 30 })).toEqual(wholeSetA);
    expect(await invalidatedBy(() => useCreateSet(), { name: 'New', mode: 'face-to-face', timeZone: 'Europe/London' })).toEqual(sorted([setKeys.list]));
  });

  it('refetch only the meeting, its set list and attendance (and its series) when a meeting changes', async () => {
    mockApi({
      [`POST /api/sets/${A}/meetings`]: answer({ id: 'm-new', setId: A }),
      'PUT /api/meetings/m-a1/attendance': answer({ status: 'attending' }),
      'PATCH /api/meeting-series/series-a1': answer([]),
      'DELETE /api/meetings/m-a3': { status: 204 },
    });
    const setLists = [meetingKeys.list(A), meetingKeys.attendance(A)];
    expect(await invalidatedBy(() => useScheduleMeeting(A), { startsAt: '2027-01-01T09:30:00Z', durationMinutes: 210, format: 'in-person' })).toEqual(sorted(setLists));
    expect(await invalidatedBy(() => useReply(A), { meetingId: 'm-a1', status: 'attending' })).toEqual(sorted([...setLists, meetingKeys.detail('m-a1')]));
    expect(await invalidatedBy(() => useUpdateSeries('series-a1', A), { location: 'Room 2' })).toEqual(sorted([...setLists, meetingKeys.detail('m-a1'), meetingKeys.detail('m-a2')]));
    expect(await invalidatedBy(() => useCancelMeeting(A), 'm-a3')).toEqual(sorted([...setLists, meetingKeys.detail('m-a3')]));
  });

  it('refetch only the set that a round, invitation, action or self-assessment belongs to', async () => {
    mockApi({
      [`POST /api/sets/${A}/rounds`]: answer({ id: 'r-new', setId: A }),
      'POST /api/rounds/r-a/pause': answer({ id: 'r-a', setId: A }),
      'POST /api/rounds/r-a/contributions': answer({ id: 'c1' }),
      [`POST /api/sets/${A}/invitations`]: answer({ id: 'i1' }),
      'POST /api/invitations/tok/accept': answer({ userId: 'u1' }),
      'POST /api/me/actions/act-1/report-back': answer({ id: 'act-1', setId: A }),
      [`PUT /api/sets/${A}/self-assessment/start`]: answer({ stage: 'start' }),
    });
    expect(await invalidatedBy(() => useOpenRound(A), { title: 'Round', caseText: 'The case' })).toEqual(sorted([roundKeys.list(A)]));
    expect(await invalidatedBy(() => useModerateRound('r-a'), { kind: 'pause' })).toEqual(sorted([roundKeys.list(A)]));
    expect(await invalidatedBy(() => useContribute('r-a'), { body: 'Text', clientId: 'c1' })).toEqual(sorted([roundKeys.round('r-a')]));
    expect(await invalidatedBy(() => useInvite(A), { email: 'a@example.org', role: 'member' })).toEqual(sorted([invitationKeys.list(A)]));
    expect(await invalidatedBy(() => useAcceptInvitation('tok'), undefined)).toEqual(sorted([setKeys.list]));
    expect(await invalidatedBy(() => useReportBack(), { actionId: 'act-1', status: 'done', note: '' })).toEqual(sorted([actionKeys.mine, actionKeys.list(A)]));
    expect(await invalidatedBy(() => useAnswerSelfAssessment(A), { stage: 'start', answers: [3] })).toEqual(sorted([evaluationKeys.selfAssessment(A)]));
  });
});
