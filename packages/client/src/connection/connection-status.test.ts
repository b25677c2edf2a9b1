import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TallySocket } from '../socket.js';
import { createConnectionStatus, describeStatus } from './connection-status.js';

type Listener = (...args: unknown[]) => void;

/** Listeners by event name, fired by the test the way socket.io-client fires them. */
class Events {
  readonly #listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.#listeners.set(event, [...(this.#listeners.get(event) ?? []), listener]);
    return this;
  }
  fire(event: string, ...args: unknown[]): void {
    for (const listener of this.#listeners.get(event) ?? []) listener(...args);
  }
}

/**
 * What the status store reads of a socket.io-client socket: its events and its manager's,
 * `connected` and `active`, `disconnect()`/`connect()` with their effects on those two flags,
 * and acknowledged emits (the latency probe, left unanswered here).
 */
class SocketStandIn extends Events {
  connected = false;
  active = true;
  readonly io = new Events();

  connectNow(): void {
    this.connected = true;
    this.active = true;
    this.fire('connect');
  }

  disconnect(): this {
    const wasConnected = this.connected;
    this.connected = false;
    this.active = false;
    if (wasConnected) this.fire('disconnect', 'io client disconnect');
    return this;
  }

  connect(): this {
    this.active = true;
    return this;
  }

  timeout() {
    return { emitWithAck: () => new Promise<never>(() => {}) };
  }
}

/** A browser window that is online and whose `offline`/`online` events the test fires. */
function onlineWindow(): { win: Window; fire(event: 'offline' | 'online'): void } {
  const target = new EventTarget();
  const navigator = { onLine: true };
  const win = { navigator, addEventListener: target.addEventListener.bind(target) } as unknown as Window;
  return {
    win,
    fire(event) {
      navigator.onLine = event === 'online';
      target.dispatchEvent(new Event(event));
    },
  };
}

function watch() {
  const socket = new SocketStandIn();
  const browser = onlineWindow();
  const store = createConnectionStatus(socket as unknown as TallySocket, browser.win);
  const seen = [describeStatus(store.get())];
  store.subscribe(() => seen.push(describeStatus(store.get())));
  const text = () => describeStatus(store.get());
  return { socket, browser, seen, text };
}

describe('connection status', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reads "Connecting…" before the first connection, then "Connected"', () => {
    const { socket, text } = watch();
    expect(text()).toBe('Connecting…');
    socket.connectNow();
    expect(text()).toBe('Connected');
  });

  it('never reads "Connecting…" again once connected: a rename reconnect is "Reconnecting (attempt 1)"', async () => {
    const { socket, seen, text } = watch();
    socket.connectNow();
    socket.disconnect().connect();
    await Promise.resolve();
    expect(text()).toBe('Reconnecting (attempt 1)');
    socket.connectNow();
    expect(seen).toEqual(['Connecting…', 'Connected', 'Reconnecting (attempt 1)', 'Connected']);
  });

  it('a socket this tab closes for good reads "Offline", not a reconnect that never comes', async () => {
    const { socket, text } = watch();
    socket.connectNow();
    socket.disconnect();
    await Promise.resolve();
    expect(text()).toBe('Offline');
  });

  it('retries a handshake refused as rate_limited (a crowd behind one address) with a growing wait; any other refusal is final', () => {
    const { socket, text } = watch();
    // socket.io-client ends its attempts after a middleware refusal: the socket is no longer active.
    const refuse = (message: string) => {
      socket.active = false;
      socket.fire('connect_error', new Error(message));
    };
    refuse('rate_limited');
    expect(text()).toBe('Reconnecting (attempt 1)');
    vi.advanceTimersByTime(3_000); // at most 2 s × 1.5
    expect(socket.active).toBe(true);
    refuse('rate_limited');
    expect(text()).toBe('Reconnecting (attempt 2)');
    vi.advanceTimersByTime(1_999); // at least 4 s × 0.5
    expect(socket.active).toBe(false);
    vi.advanceTimersByTime(4_001);
    expect(socket.active).toBe(true);
    socket.connectNow();
    expect(text()).toBe('Connected');

    socket.disconnect();
    refuse('invalid_auth');
    vi.advanceTimersByTime(120_000);
    expect(socket.active).toBe(false);
    expect(text()).toMatch(/^Offline/);
  });

  it('after the browser was offline, comes back as "Reconnecting (attempt 1)"; a page that loaded offline as "Connecting…"', () => {
    const connectedBefore = watch();
    connectedBefore.socket.connectNow();
    connectedBefore.browser.fire('offline');
    expect(connectedBefore.text()).toBe('Offline');
    connectedBefore.browser.fire('online');
    expect(connectedBefore.text()).toBe('Reconnecting (attempt 1)');

    const neverConnected = watch();
    neverConnected.browser.fire('offline');
    neverConnected.browser.fire('online');
    expect(neverConnected.text()).toBe('Connecting…');
  });
});
