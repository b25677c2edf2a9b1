import type { TallySocket } from '../socket.js';

/** Engine.IO's protocol version and its "close" packet, as a long-polling request carries them. */
const ENGINE_PROTOCOL = 4;
const ENGINE_CLOSE_PACKET = '1';

/**
 * A tab that goes away while its link still runs on long-polling, its first moments before
 * Engine.IO upgrades to the websocket, can leave the server with nothing to notice: once the
 * websocket probe has started, the server answers the pending long-poll to free it for the
 * switch, and the page is gone before it asks again. The server would then keep the session, and
 * the member online, until the ping timeout (up to 45 s). So on `pagehide` the session is closed
 * on the polling transport with a keepalive request, which outlives the page. (A page kept in the
 * back/forward cache may come back: it is left alone.) Connecting websocket-first instead avoids
 * the upgrade, but never connects behind a proxy that holds websocket handshakes unanswered.
 */
export function endSessionOnPagehide(socket: TallySocket, win: Window): void {
  win.addEventListener('pagehide', (event) => {
    const engine = socket.io.engine;
    if (event.persisted || engine?.readyState !== 'open' || engine.transport.name !== 'polling') return;
    const path = (socket.io.opts.path ?? '/socket.io').replace(/\/$/, '');
    const query = new URLSearchParams({ EIO: String(ENGINE_PROTOCOL), transport: 'polling', sid: engine.id });
    void win
      .fetch(`${path}/?${query}`, { method: 'POST', body: ENGINE_CLOSE_PACKET, keepalive: true })
      .catch(() => {
        // Nothing more can be done from a page that is going away: the ping timeout ends the session.
      });
  });
}
