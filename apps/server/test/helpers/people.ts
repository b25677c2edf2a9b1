import type { CreateBoardResponse, ServerPayload } from '@tally/events';
import type { ConnectOptions, TestClient } from './test-client.js';

export type Hello = ServerPayload<'hello'>;

/** One person at one socket, with the identity the server gave it (v1.1: clientId and memberToken). */
export interface Person {
  client: TestClient;
  clientId: string;
  memberToken: string;
  name: string;
}

/** The `hello` a client was greeted with. */
export function helloOf(client: TestClient): Promise<Hello> {
  return client.waitFor('hello');
}

/**
 * Connects a socket through `connect` (a TestServer's, or any other) and waits for its `hello`.
 * `auth` is sent as given (a test may claim a clientId or send a token on purpose).
 */
export async function connectPerson(
  connect: (options?: ConnectOptions) => Promise<TestClient>,
  name: string,
  auth: Record<string, unknown> = {},
): Promise<Person> {
  const client = await connect({ auth: { name, ...auth } });
  const hello = await helloOf(client);
  return { client, clientId: hello.clientId, memberToken: hello.memberToken, name: hello.name };
}

/** Auth that proves a person's identity on a later handshake (another tab, a reconnect). */
export function authOf(person: Pick<Person, 'clientId' | 'memberToken' | 'name'>): Record<string, string> {
  return { clientId: person.clientId, memberToken: person.memberToken, name: person.name };
}

/**
 * The usual pair on a new board: its owner Olga (owner key) and a member Ana (the access key of a
 * private board, none on a public one), each connected and joined.
 */
export async function joinOlgaAndAna(
  connect: (options?: ConnectOptions) => Promise<TestClient>,
  keys: CreateBoardResponse,
): Promise<{ olga: Person; ana: Person }> {
  const boardId = keys.board.id;
  const olga = await connectPerson(connect, 'Olga');
  const ana = await connectPerson(connect, 'Ana');
  await olga.client.ok('board:join', { boardId, key: keys.ownerKey });
  await ana.client.ok('board:join', { boardId, key: keys.accessKey });
  return { olga, ana };
}
