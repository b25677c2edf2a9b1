import type { TallySocket } from '../socket.js';

type Listener = (...args: unknown[]) => void;
type AckHandler = (payload: unknown) => unknown;

/**
 * A stand-in for a socket.io-client socket, for unit tests of the client's sync rules: the test
 * plays the server, delivering events (`serverSends`) and answering acknowledged emits with the
 * handlers it registers (`answer`). Only what the client's modules use is there.
 */
export class FakeSocket {
  connected = true;
  recovered = false;
  active = true;
  readonly sent: Array<{ event: string; payload: unknown; volatile: boolean }> = [];
  readonly #listeners = new Map<string, Listener[]>();
  readonly #answers = new Map<string, AckHandler>();

  get volatile() {
    return { emit: (event: string, payload: unknown) => this.#record(event, payload, true) };
  }

  asSocket(): TallySocket {
    return this as unknown as TallySocket;
  }

  on(event: string, listener: Listener): this {
    this.#listeners.set(event, [...(this.#listeners.get(event) ?? []), listener]);
    return this;
  }

  off(event: string, listener: Listener): this {
    this.#listeners.set(
      event,
      (this.#listeners.get(event) ?? []).filter((known) => known !== listener),
    );
    return this;
  }

  /** What the server answers to an acknowledged event (the returned value is the ack). */
  answer(event: string, handler: AckHandler): void {
    this.#answers.set(event, handler);
  }

  /** Delivers a server event, as the socket would after parsing a frame. */
  serverSends(event: string, payload: unknown): void {
    for (const listener of this.#listeners.get(event) ?? []) listener(payload);
  }

  timeout(_ms: number) {
    return {
      emit: (event: string, payload: unknown, callback: (error: Error | null, ack?: unknown) => void) => {
        this.#record(event, payload, false);
        const handler = this.#answers.get(event);
        if (handler === undefined) {
          queueMicrotask(() => callback(new Error('operation has timed out')));
          return;
        }
        queueMicrotask(() => callback(null, handler(payload)));
      },
    };
  }

  #record(event: string, payload: unknown, volatile: boolean): void {
    this.sent.push({ event, payload, volatile });
  }
}
