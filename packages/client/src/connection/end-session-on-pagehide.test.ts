import { describe, expect, it } from 'vitest';
import type { TallySocket } from '../socket.js';
import { endSessionOnPagehide } from './end-session-on-pagehide.js';

/** A window whose `pagehide` the test fires and whose fetches are recorded. */
function browserWindow() {
  const target = new EventTarget();
  const fetched: Array<{ url: string; init: RequestInit | undefined }> = [];
  const win = {
    addEventListener: target.addEventListener.bind(target),
    fetch: async (url: string, init?: RequestInit) => {
      fetched.push({ url, init });
      return new Response(null, { status: 200 });
    },
  } as unknown as Window;
  const hide = (persisted = false) =>
    target.dispatchEvent(Object.assign(new Event('pagehide'), { persisted }));
  return { win, fetched, hide };
}

/** The manager and Engine.IO session of a socket.io-client socket, as far as the handler reads them. */
function socketOn(transport: 'polling' | 'websocket', readyState: 'open' | 'closed' = 'open'): TallySocket {
  return {
    io: { opts: { path: '/socket.io' }, engine: { id: 'sid-1', readyState, transport: { name: transport } } },
  } as unknown as TallySocket;
}

describe('endSessionOnPagehide', () => {
  it('closes a session still on long-polling with a keepalive request (regression: a tab closed mid-upgrade stayed online 45 s)', () => {
    const { win, fetched, hide } = browserWindow();
    endSessionOnPagehide(socketOn('polling'), win);
    hide();
    expect(fetched).toEqual([
      {
        url: '/socket.io/?EIO=4&transport=polling&sid=sid-1',
        init: { method: 'POST', body: '1', keepalive: true },
      },
    ]);
  });

  it('leaves a websocket session to the websocket (its close reaches the server), and a closed one alone', () => {
    for (const socket of [socketOn('websocket'), socketOn('polling', 'closed')]) {
      const { win, fetched, hide } = browserWindow();
      endSessionOnPagehide(socket, win);
      hide();
      expect(fetched).toEqual([]);
    }
  });

  it('keeps the session of a page going into the back/forward cache, which may come back', () => {
    const { win, fetched, hide } = browserWindow();
    endSessionOnPagehide(socketOn('polling'), win);
    hide(true);
    expect(fetched).toEqual([]);
  });
});
