import type { ReactNode } from 'react';
import { QueryClient, QueryClientProvider, type QueryKey } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { meetingKeys } from '@web/features/meetings/api/meetings';
import { setKeys } from '@web/features/sets/api/sets';
import { mockApi } from '@web/test/render';
import { facilitationKeys, useAssignFacilitator, useMakeRota, useSaveFacilitatorNote } from './facilitation';

const keys: QueryKey[] = [setKeys.detail('a'), meetingKeys.list('a'), meetingKeys.attendance('a'), meetingKeys.detail('m-a1'), meetingKeys.detail('m-a2'), setKeys.detail('b'), meetingKeys.list('b'), meetingKeys.detail('m-b1'), facilitationKeys.meetingNote('m-a1'), facilitationKeys.setNote('a')];

async function invalidatedBy<T>(hook: () => { mutateAsync: (v: T) => Promise<unknown> }, variables: T) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  for (const key of keys) client.setQueryData(key, { seeded: true });
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
  const { result } = renderHook(hook, { wrapper });
  await act(() => result.current.mutateAsync(variables));
  return { client, invalidated: client.getQueryCache().getAll().filter((q) => q.state.isInvalidated).map((q) => JSON.stringify(q.queryKey)).sort() };
}
const sorted = (list: QueryKey[]) => list.map((k) => JSON.stringify(k)).sort();

describe('facilitation queries', () => {
  it('choosing who facilitates refetches that set’s meetings and that meeting’s page only', async () => {
    mockApi({ 'PUT /api/meetings/m-a1/co-facilitator': { status: 200, body: {} } });
    expect((await invalidatedBy(() => useAssignFacilitator('a'), { meetingId: 'm-a1', seat: 'co-facilitator', userId: 'pat' })).invalidated).toEqual(sorted([meetingKeys.list('a'), meetingKeys.detail('m-a1')]));
  });

  it('a rota refetches that set’s meetings only', async () => {
    mockApi({ 'PUT /api/meetings/m-a1/facilitator': { status: 200, body: {} }, 'PUT /api/meetings/m-a2/facilitator': { status: 200, body: {} } });
    const { invalidated } = await invalidatedBy(() => useMakeRota('a'), [{ meetingId: 'm-a1', userId: 'pat' }, { meetingId: 'm-a2', userId: 'sam' }]);
    expect(invalidated).toEqual(sorted([meetingKeys.list('a')]));
  });

  it('saving a note puts the saved note in its own key and refetches nothing', async () => {
    mockApi({ 'PUT /api/meetings/m-a1/facilitator-notes': { status: 200, body: { body: 'saved' } } });
    const { client, invalidated } = await invalidatedBy(() => useSaveFacilitatorNote({ meetingId: 'm-a1' }), { body: 'saved' });
    expect(invalidated).toEqual([]);
    expect(client.getQueryData(facilitationKeys.meetingNote('m-a1'))).toEqual({ body: 'saved' });
  });
});
