import { io, Socket } from 'socket.io-client';
import { call } from './call';
import { setWithPeople } from './people';

/** A socket on the live namespace as that person (no reconnection: a test sees a drop as it is). */
export function connectLive(base: string, token: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(`${base}/live`, { transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

export const FACE_TO_FACE_PEOPLE = { fran: 'Fran Okafor', pat: 'Pat Lindqvist', sam: 'Sam Adeyemi', dana: 'Dana Whitcombe' } as const;
type Person = keyof typeof FACE_TO_FACE_PEOPLE;

/**
 * A face-to-face set of four (Fran facilitates) meeting monthly in one room: an earlier meeting, the
 * meeting under test and one after it (the projector's "next meeting"), with everyone's user id.
 */
export async function faceToFaceSet(base: string) {
  const { tokens, setId } = await setWithPeople(base, FACE_TO_FACE_PEOPLE, { name: 'Northfield practice leads', mode: 'face-to-face' });
  const place = { format: 'in-person', location: 'Room 2, Northfield Civic Centre' };
  const schedule = (startsAt: string) => call<{ id: string }>(base, 'POST', `/sets/${setId}/meetings`, { startsAt, durationMinutes: 180, ...place }, tokens.fran);
  const earlier = await schedule('2031-01-07T09:30');
  const meeting = await schedule('2031-02-04T09:30');
  await schedule('2031-03-04T09:30');
  const ids = Object.fromEntries(
    await Promise.all(Object.keys(FACE_TO_FACE_PEOPLE).map(async (key) => [key, (await call<{ id: string }>(base, 'GET', '/me', undefined, tokens[key])).id] as const)),
  ) as Record<Person, string>;
  return { tokens, setId, earlier, meeting, ids, people: FACE_TO_FACE_PEOPLE };
}
