import type { EventHandlers } from './event-router.js';

/** `latency:probe`: echoes the client's time with the server's, so the client can measure its round trip. */
export const latencyHandlers = {
  async 'latency:probe'(_ctx, { t }) {
    return { t, serverTime: Date.now() };
  },
} satisfies Pick<EventHandlers, 'latency:probe'>;
