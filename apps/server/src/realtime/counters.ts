import { type Counter, TallyError } from '@tally/events';
import { applyCounterOp } from '../boards/counter-ops.js';
import { newId } from '../boards/ids.js';
import type { SocketContext } from './handler-context.js';
import type { TallyServer, TallySocket } from './socket-types.js';

/**
 * Counter events. Value changes (increment, reset) go through the write batcher, which
 * broadcasts `counter:updated` once per board per commit; the others broadcast here.
 */
export function registerCounterHandlers(io: TallyServer, socket: TallySocket, ctx: SocketContext): void {
  const { dispatcher, joined, store, batcher } = ctx;

  async function joinedCounter(counterId: string): Promise<Counter> {
    const counter = await store.getCounter(counterId);
    if (!counter) throw new TallyError('not_found', 'no such counter');
    joined.requireRole(counter.boardId);
    return counter;
  }

  async function ownedCounter(counterId: string): Promise<Counter> {
    const counter = await joinedCounter(counterId);
    joined.requireOwner(counter.boardId);
    return counter;
  }

  dispatcher.handle('counter:create', async ({ boardId, name, value }) => {
    joined.requireRole(boardId);
    const counter = await store.createCounter({ id: newId(), boardId, name, value: value ?? 0 });
    io.to(boardId).emit('counter:created', { boardId, counter });
    return { counter };
  });

  dispatcher.handle('counter:increment', async ({ counterId, by, opId }) => {
    await joinedCounter(counterId);
    const op = { kind: 'increment', opId, counterId, by: by ?? 1 } as const;
    // The sender is named in the update's `actors`, so activity feeds can say who changed it.
    const actor = { clientId: socket.data.clientId, name: socket.data.name };
    const { value, version } = await applyCounterOp(batcher, op, actor);
    return { value, version };
  });

  dispatcher.handle('counter:reset', async ({ counterId, opId }) => {
    await ownedCounter(counterId);
    const { value, version } = await applyCounterOp(batcher, { kind: 'reset', opId, counterId });
    return { value, version };
  });

  dispatcher.handle('counter:rename', async ({ counterId, name }) => {
    const { boardId } = await ownedCounter(counterId);
    const counter = await store.renameCounter(counterId, name);
    if (!counter) throw new TallyError('not_found', 'no such counter');
    io.to(boardId).emit('counter:renamed', { boardId, counterId, name: counter.name });
    return { counter };
  });

  dispatcher.handle('counter:delete', async ({ counterId }) => {
    const { boardId } = await ownedCounter(counterId);
    if (!(await store.deleteCounter(counterId))) throw new TallyError('not_found', 'no such counter');
    io.to(boardId).emit('counter:deleted', { boardId, counterId });
    return {};
  });
}
