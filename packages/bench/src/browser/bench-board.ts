import type { Ack, ClientEventResults, ClientToServerEvents, ServerToClientEvents } from '@tally/events';
import { createBoardAt } from '@tally/testbed';
import { io, type Socket } from 'socket.io-client';

/** Creates a public board with `counters` counters named `bench-00`, `bench-01`, … through the public API. */
export async function createBenchBoard(
  baseUrl: string,
  name: string,
  counters: number,
): Promise<{ boardId: string; counters: Array<{ id: string; name: string }> }> {
  const { board, ownerKey } = await createBoardAt(baseUrl, name);

  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(baseUrl, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  try {
    // Joins with presence summaries like the web app and the load clients do.
    // emitWithAck after timeout() loses the ack's type in socket.io-client's typings: restate it.
    const joined: Ack<ClientEventResults['board:join']> = await socket
      .timeout(10_000)
      .emitWithAck('board:join', { boardId: board.id, key: ownerKey, presence: 'summary' });
    if (!joined.ok) throw new Error(`board:join: ${joined.error.code}`);
    const created: Array<{ id: string; name: string }> = [];
    for (let index = 0; index < counters; index++) {
      const counterName = counterNameOf(index);
      const result: Ack<ClientEventResults['counter:create']> = await socket
        .timeout(10_000)
        .emitWithAck('counter:create', { boardId: board.id, name: counterName });
      if (!result.ok) throw new Error(`counter:create ${counterName}: ${result.error.code}`);
      created.push({ id: result.counter.id, name: counterName });
    }
    return { boardId: board.id, counters: created };
  } finally {
    socket.disconnect();
  }
}

function counterNameOf(index: number): string {
  return `bench-${String(index).padStart(2, '0')}`;
}
