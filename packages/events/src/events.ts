import type { z } from 'zod';
import type { Ack } from './errors.js';
import type {
  BoardKeys,
  BoardSnapshot,
  ChatMessage,
  ChatPage,
  Counter,
  CounterUpdate,
  Member,
  Role,
} from './models.js';
import type { AckedClientEvent, ClientPayload } from './payloads.js';
import type { serverPayloadSchemas } from './server-payloads.js';

/** The `ok: true` part of each acknowledged event's answer. */
export interface ClientEventResults {
  /** v1.1: `keys` only in an owner's answer. */
  'board:join': { board: BoardSnapshot; role: Role; keys?: BoardKeys };
  'board:leave': Record<never, never>;
  'counter:create': { counter: Counter };
  'counter:increment': { value: number; version: number };
  'counter:rename': { counter: Counter };
  'counter:reset': { value: number; version: number };
  'counter:delete': Record<never, never>;
  'counter:configure': { counter: Counter };
  'counter:undo': { value: number; version: number };
  /** A Buffer in Node, an ArrayBuffer in a browser (a Socket.IO binary attachment). */
  'board:export': { snapshot: Uint8Array | ArrayBuffer };
  'board:import': { board: BoardSnapshot; ownerKey: string; accessKey?: string; viewerKey: string };
  'chat:send': { message: ChatMessage };
  /** Added for the web app (additive): a page of the board's chat before a message. */
  'chat:history': ChatPage;
  'latency:probe': { t: number; serverTime: number };
}

export type AckCallback<E extends AckedClientEvent> = (result: Ack<ClientEventResults[E]>) => void;

/** Client-to-server event map, for `Socket<ServerToClientEvents, ClientToServerEvents>` and `Server<ClientToServerEvents, …>`. */
export type ClientToServerEvents = {
  [E in AckedClientEvent]: (payload: ClientPayload<E>, ack: AckCallback<E>) => void;
} & {
  'presence:focus': (payload: ClientPayload<'presence:focus'>) => void;
};

export type ServerEventName = keyof typeof serverPayloadSchemas;
export type ServerPayload<E extends ServerEventName> = z.infer<(typeof serverPayloadSchemas)[E]>;

/** Server-to-client event map. */
export type ServerToClientEvents = {
  [E in ServerEventName]: (payload: ServerPayload<E>) => void;
};

/** Events between server nodes (through the Socket.IO adapter); none so far. */
export type InterServerEvents = Record<never, never>;

/** What the server keeps on each socket (`socket.data`). */
export interface SocketData {
  /** Given by the server, or proven by the handshake's memberToken (v1.1). */
  clientId: string;
  name: string;
  /**
   * The boards the socket joined, with its role on each. In socket.data because Socket.IO's
   * connection state recovery restores socket.data (and the rooms) on a recovered socket.
   */
  joined?: Array<[boardId: string, role: Role]>;
  /** The boards this socket joined with `presence: 'summary'` (restored with the rest on recovery). */
  presenceSummary?: string[];
}

export type { CounterUpdate, Member };
