import type { ChatMessage } from '@tally/events';
import { newId } from '../boards/ids.js';
import type { SocketContext } from './handler-context.js';
import type { TallyServer, TallySocket } from './socket-types.js';

/** `chat:send`: stored, then sent to the whole board, sender included. The text stays as typed (data, not HTML). */
export function registerChatHandlers(io: TallyServer, socket: TallySocket, ctx: SocketContext): void {
  const { dispatcher, joined, store } = ctx;

  dispatcher.handle('chat:send', async ({ boardId, text }) => {
    joined.requireRole(boardId);
    const { clientId, name } = socket.data;
    const message: ChatMessage = { id: newId(), clientId, name, text, at: Date.now() };
    await store.addChatMessage(boardId, message);
    io.to(boardId).emit('chat:message', { boardId, message });
    return { message };
  });
}
