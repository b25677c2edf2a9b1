import type { ChatMessage } from '@tally/events';
import { newId } from '../boards/ids.js';
import type { EventHandlers } from './event-router.js';

/** `chat:send`: stored, then sent to the whole board, sender included. The text stays as typed (data, not HTML). */
export const chatHandlers = {
  async 'chat:send'({ io, socket, joined, store }, { boardId, text }) {
    joined.requireWriter(boardId);
    const { clientId, name } = socket.data;
    const message: ChatMessage = { id: newId(), clientId, name, text, at: Date.now() };
    await store.addChatMessage(boardId, message);
    io.to(boardId).emit('chat:message', { boardId, message });
    return { message };
  },

  /**
   * `chat:history` (added for the web app): a page of the board's chat before a message, for
   * anyone who joined it, viewers included: they read everything the board says.
   */
  async 'chat:history'({ joined, store }, { boardId, before, limit }) {
    joined.requireRole(boardId);
    return store.chatMessagesBefore(boardId, before, limit);
  },
} satisfies Pick<EventHandlers, 'chat:send' | 'chat:history'>;
