import type { TallyServer, TallySocket } from '../sockets/socket-types.js';
import { boardSnapshotHandlers } from './board-snapshots.js';
import { boardHandlers } from './boards.js';
import { chatHandlers } from './chat.js';
import { counterHandlers } from './counters.js';
import { createEventRouter, type EventHandlers } from './event-router.js';
import { createBoardFocusBudgets } from './focus-budget.js';
import { greet } from './greeting.js';
import type { RealtimeDeps, RealtimeServices } from './handler-context.js';
import { JoinedBoards } from './joined-boards.js';
import { latencyHandlers } from './latency.js';
import { forgetSocket, presenceHandlers } from './presence.js';
import { announceArrival } from './presence-announcements.js';
import { enterBoardRooms } from './presence-rooms.js';
import { createSocketEventBudgets } from './socket-rate-limit.js';
import { stopAfterRouting } from './unknown-events.js';

const handlers: EventHandlers = {
  ...boardHandlers,
  ...boardSnapshotHandlers,
  ...counterHandlers,
  ...chatHandlers,
  ...presenceHandlers,
  ...latencyHandlers,
};

/**
 * Builds, once per server, what sets up each new socket: its listeners, then its greeting. The
 * listeners are functions of the server, shared by all its sockets (Socket.IO calls them with the
 * socket as `this`), so that a socket costs a few references and not a closure per event: closures
 * per socket, their contexts and listener arrays were about half of what a joined socket cost the
 * server above Socket.IO's own (issue 5: 10,000 idle sockets on one board).
 */
export function createConnectionHandler(
  io: TallyServer,
  deps: RealtimeDeps,
): (socket: TallySocket) => Promise<void> {
  const services: RealtimeServices = { ...deps, io, focusBudgets: createBoardFocusBudgets(io) };
  const route = createEventRouter(
    services,
    handlers,
    createSocketEventBudgets(deps.rateLimit, deps.addressLimits),
  );

  // Socket.IO closes a connection that sent a malformed frame and reports it as "error" on the
  // socket; kept at debug level so that a hostile client cannot flood the logs.
  function logSocketError(this: TallySocket, error: Error): void {
    deps.log.debug({ err: error, socketId: this.id }, 'socket error');
  }

  function onDisconnect(this: TallySocket): void {
    forgetSocket(services, this);
  }

  return async function handleConnection(socket) {
    const { clientId, name } = socket.data;
    socket.on('error', logSocketError);
    // The router sees every event first (rate limit, unknown names, handlers); the middleware
    // then keeps all of them from the socket's EventEmitter.
    socket.onAny(route);
    socket.use(stopAfterRouting);
    socket.on('disconnect', onDisconnect);

    // A recovered socket that joined boards as a viewer only is still nobody (v1.1).
    if (!new JoinedBoards(socket.data).viewerOnly())
      await deps.presence.connect(socket.id, { clientId, name });
    if (socket.recovered) await rejoinPresence(socket, deps);
    const memberToken = deps.memberTokens.issue(clientId);
    greet(socket, 'hello', { clientId, name, serverTime: Date.now(), memberToken });
    // Not in PROTOCOL.md's list of `socket.emit`s, but harmless and useful: a new tab of a member
    // who is already online changes no figure, so it would otherwise wait for the next change.
    const stats = deps.stats.lastEmitted();
    if (stats) greet(socket, 'stats', stats);
    deps.stats.changed();
  };
}

/**
 * A recovered socket is back in its rooms with its roles and presence modes, but presence forgot it
 * when its link dropped (the others may have been told it left): put it back on each board and
 * announce it. What a summary-mode socket holds after its gap is unknown: its next summary names
 * the members.
 */
async function rejoinPresence(socket: TallySocket, deps: RealtimeDeps): Promise<void> {
  const joined = new JoinedBoards(socket.data);
  for (const boardId of joined.boardIds()) {
    const mode = joined.presenceMode(boardId);
    if (mode === 'summary') deps.summaries.addRecovered(boardId, socket.id);
    // A no-op when recovery restored the rooms; a session saved by a node without presence modes lacks its presence room.
    await enterBoardRooms(socket, boardId, mode);
    if (joined.roleOn(boardId) === 'viewer') continue;
    const { firstSocketOfMember } = await deps.presence.join(boardId, socket.id);
    if (firstSocketOfMember) announceArrival(socket, deps.summaries, boardId);
  }
}
