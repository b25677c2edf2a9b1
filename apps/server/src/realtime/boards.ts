import { TallyError } from '@tally/events';
import { buildBoardSnapshot } from '../boards/board-snapshot.js';
import type { SocketContext } from './handler-context.js';
import type { TallyServer, TallySocket } from './socket-types.js';

/** `board:join` and `board:leave`: rooms, roles and the presence announcements that go with them. */
export function registerBoardHandlers(io: TallyServer, socket: TallySocket, ctx: SocketContext): void {
  const { dispatcher, joined, presence, store, access } = ctx;

  dispatcher.handle('board:join', async ({ boardId, key }) => {
    const { board, role } = await access.authorize(boardId, key);
    // The socket may have gone while the board was read; joining now would leave a ghost member.
    if (!socket.connected) throw new TallyError('unavailable', 'disconnected');
    joined.set(boardId, role);
    // Join the room before reading the snapshot: an update committed in between then arrives as
    // an event with a higher version, instead of falling between the snapshot and the room.
    await socket.join(boardId);
    const { firstSocketOfMember } = await presence.join(boardId, socket.id);
    if (firstSocketOfMember) {
      const member = { clientId: socket.data.clientId, name: socket.data.name };
      socket.to(boardId).emit('presence:joined', { boardId, member });
    }
    return { board: await buildBoardSnapshot(store, presence, board), role };
  });

  dispatcher.handle('board:leave', async ({ boardId }) => {
    if (!joined.delete(boardId)) return {};
    await socket.leave(boardId);
    const departure = await presence.leave(boardId, socket.id);
    if (departure) io.to(boardId).emit('presence:left', departure);
    return {};
  });
}
