import { registerBoardHandlers } from './boards.js';
import { registerChatHandlers } from './chat.js';
import { registerCounterHandlers } from './counters.js';
import { createEventDispatcher } from './event-dispatcher.js';
import type { RealtimeDeps } from './handler-context.js';
import { JoinedBoards } from './joined-boards.js';
import { registerLatencyHandlers } from './latency.js';
import { registerPresenceHandlers } from './presence.js';
import { announceArrival } from './presence-announcements.js';
import { enterBoardRooms } from './presence-rooms.js';
import { limitSocketEvents } from './socket-rate-limit.js';
import type { TallyServer, TallySocket } from './socket-types.js';
import { refuseUnknownEvents } from './unknown-events.js';

/** Sets up one new socket: its guards, its handlers, then its greeting. */
export async function handleConnection(
  io: TallyServer,
  socket: TallySocket,
  deps: RealtimeDeps,
): Promise<void> {
  const { clientId, name } = socket.data;
  // Socket.IO closes a connection that sent a malformed frame and reports it as "error" on the
  // socket; kept at debug level so that a hostile client cannot flood the logs.
  socket.on('error', (error) => deps.log.debug({ err: error, socketId: socket.id }, 'socket error'));

  // Order matters: the rate limit counts every event, the unknown ones included.
  limitSocketEvents(socket, deps.rateLimit);
  refuseUnknownEvents(socket);

  const joined = new JoinedBoards(socket.data);
  const ctx = { ...deps, dispatcher: createEventDispatcher(socket, deps.log), joined };
  for (const register of [
    registerBoardHandlers,
    registerCounterHandlers,
    registerChatHandlers,
    registerPresenceHandlers,
    registerLatencyHandlers,
  ]) {
    register(io, socket, ctx);
  }

  await deps.presence.connect(socket.id, { clientId, name });
  if (socket.recovered) await rejoinPresence(socket, joined, deps);
  socket.emit('hello', { clientId, name, serverTime: Date.now() });
  // Not in PROTOCOL.md's list of `socket.emit`s, but harmless and useful: a new tab of a member
  // who is already online changes no figure, so it would otherwise wait for the next change.
  const stats = deps.stats.lastEmitted();
  if (stats) socket.emit('stats', stats);
  deps.stats.changed();
}

/**
 * A recovered socket is back in its rooms with its roles and presence modes, but presence forgot it
 * when its link dropped (the others may have been told it left): put it back on each board and
 * announce it. What a summary-mode socket holds after its gap is unknown: its next summary names
 * the members.
 */
async function rejoinPresence(socket: TallySocket, joined: JoinedBoards, deps: RealtimeDeps): Promise<void> {
  for (const boardId of joined.boardIds()) {
    const mode = joined.presenceMode(boardId);
    if (mode === 'summary') deps.summaries.addRecovered(boardId, socket.id);
    // A no-op when recovery restored the rooms; a session saved by a node without presence modes lacks its presence room.
    await enterBoardRooms(socket, boardId, mode);
    const { firstSocketOfMember } = await deps.presence.join(boardId, socket.id);
    if (firstSocketOfMember) announceArrival(socket, deps.summaries, boardId);
  }
}
