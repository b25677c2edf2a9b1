import type {
  Ack,
  AckedClientEvent,
  ClientEventResults,
  ClientPayload,
  ClientToServerEvents,
  ServerEventName,
  ServerPayload,
  ServerToClientEvents,
} from '@tally/events';
import { io, type Socket } from 'socket.io-client';
import { expect } from 'vitest';

export type TypedClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
/** The same socket without the contract's types, to send what a hostile client sends. */
export type RawClientSocket = Socket;

export interface ConnectOptions {
  auth?: Record<string, unknown>;
  extraHeaders?: Record<string, string>;
  transports?: Array<'websocket' | 'polling'>;
}

export interface ReceivedEvent {
  event: string;
  payload: unknown;
}

const WAIT_MS = 5000;

/** A socket.io-client socket that records every server event, so tests can wait for one or prove one never came. */
export class TestClient {
  readonly received: ReceivedEvent[] = [];
  private readonly waiters = new Set<() => void>();

  constructor(readonly socket: TypedClientSocket) {
    socket.onAny((event: string, payload: unknown) => {
      this.received.push({ event, payload });
      for (const wake of [...this.waiters]) wake();
    });
  }

  get raw(): RawClientSocket {
    return this.socket as unknown as RawClientSocket;
  }

  /** Sends an acknowledged event and resolves with its ack. */
  request<E extends AckedClientEvent>(
    event: E,
    payload: ClientPayload<E>,
  ): Promise<Ack<ClientEventResults[E]>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ack for ${event} within ${WAIT_MS} ms`)), WAIT_MS);
      const emit = this.socket.emit as (
        event: E,
        payload: ClientPayload<E>,
        ack: (result: Ack<ClientEventResults[E]>) => void,
      ) => void;
      emit.call(this.socket, event, payload, (result) => {
        clearTimeout(timer);
        resolve(result);
      });
    });
  }

  /** Like request() but the ack must be ok: returns its result. */
  async ok<E extends AckedClientEvent>(event: E, payload: ClientPayload<E>): Promise<ClientEventResults[E]> {
    const result = await this.request(event, payload);
    if (!result.ok) throw new Error(`${event} failed: ${result.error.code} ${result.error.message}`);
    return result;
  }

  /** Sends anything (any name, any arguments) and resolves with the ack, as a hostile client would. */
  requestRaw(event: string | number, ...args: unknown[]): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no ack for ${String(event)} within ${WAIT_MS} ms`)),
        WAIT_MS,
      );
      (this.raw.emit as (...all: unknown[]) => void)(event, ...args, (result: unknown) => {
        clearTimeout(timer);
        resolve(result);
      });
    });
  }

  /** Resolves with the first payload of `event` (received before or after the call) that matches. */
  waitFor<E extends ServerEventName>(
    event: E,
    matches: (payload: ServerPayload<E>) => boolean = () => true,
  ): Promise<ServerPayload<E>> {
    const find = () =>
      this.received.find((item) => item.event === event && matches(item.payload as ServerPayload<E>))
        ?.payload as ServerPayload<E> | undefined;
    return new Promise((resolve, reject) => {
      const found = find();
      if (found !== undefined) {
        resolve(found);
        return;
      }
      const wake = () => {
        const later = find();
        if (later === undefined) return;
        this.waiters.delete(wake);
        clearTimeout(timer);
        resolve(later);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(wake);
        reject(new Error(`no ${event} matching within ${WAIT_MS} ms`));
      }, WAIT_MS);
      this.waiters.add(wake);
    });
  }

  /** Every payload of `event` received so far. */
  all<E extends ServerEventName>(event: E): Array<ServerPayload<E>> {
    return this.received
      .filter((item) => item.event === event)
      .map((item) => item.payload as ServerPayload<E>);
  }

  close(): void {
    this.socket.disconnect();
  }
}

/** Connects over websocket (no Origin header unless given); rejects with the connect_error. */
export function connectClient(url: string, options: ConnectOptions = {}): Promise<TestClient> {
  const socket: TypedClientSocket = io(url, {
    transports: options.transports ?? ['websocket'],
    auth: options.auth ?? {},
    extraHeaders: options.extraHeaders ?? {},
    reconnection: false,
    forceNew: true,
  });
  return connected(socket);
}

/** Resolves with the socket's TestClient once it connects; rejects with its connect_error (then closes it). */
export function connected(socket: TypedClientSocket): Promise<TestClient> {
  const client = new TestClient(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(client));
    socket.once('connect_error', (error) => {
      socket.disconnect();
      reject(error);
    });
  });
}

/** A marker round trip on each client: anything sent to them before it has arrived by then. */
export async function settle(...clients: TestClient[]): Promise<void> {
  await Promise.all(clients.map((client) => client.ok('latency:probe', { t: 0 })));
}

/** A failed ack with `code`, whatever its message: for toEqual and toMatchObject. */
export function failedAck(code: string) {
  return { ok: false, error: { code, message: expect.any(String) } };
}
