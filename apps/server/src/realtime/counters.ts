import { type Counter, TallyError } from '@tally/events';
import { applyCounterOp } from '../boards/counter-ops.js';
import { newId } from '../boards/ids.js';
import type { EventHandlers } from './event-router.js';
import type { EventContext } from './handler-context.js';

async function joinedCounter({ store, joined }: EventContext, counterId: string): Promise<Counter> {
  const counter = await store.getCounter(counterId);
  if (!counter) throw new TallyError('not_found', 'no such counter');
  joined.requireRole(counter.boardId);
  return counter;
}

async function ownedCounter(ctx: EventContext, counterId: string): Promise<Counter> {
  const counter = await joinedCounter(ctx, counterId);
  ctx.joined.requireOwner(counter.boardId);
  return counter;
}

/**
 * Counter events. Value changes (increment, reset) go through the write batcher, which
 * broadcasts `counter:updated` at most once per board per window; the others broadcast here.
 */
export const counterHandlers = {
  async 'counter:create'({ io, joined, store }, { boardId, name, value }) {
    joined.requireRole(boardId);
    const counter = await store.createCounter({ id: newId(), boardId, name, value: value ?? 0 });
    io.to(boardId).emit('counter:created', { boardId, counter });
    return { counter };
  },

  async 'counter:increment'(ctx, { counterId, by, opId }) {
    await joinedCounter(ctx, counterId);
    const op = { kind: 'increment', opId, counterId, by: by ?? 1 } as const;
    // The sender is named in the update's `actors`, so activity feeds can say who changed it.
    const actor = { clientId: ctx.socket.data.clientId, name: ctx.socket.data.name };
    const { value, version } = await applyCounterOp(ctx.batcher, op, actor);
    return { value, version };
  },

  async 'counter:reset'(ctx, { counterId, opId }) {
    await ownedCounter(ctx, counterId);
    const { value, version } = await applyCounterOp(ctx.batcher, { kind: 'reset', opId, counterId });
    return { value, version };
  },

  async 'counter:rename'(ctx, { counterId, name }) {
    const { boardId } = await ownedCounter(ctx, counterId);
    const counter = await ctx.store.renameCounter(counterId, name);
    if (!counter) throw new TallyError('not_found', 'no such counter');
    ctx.io.to(boardId).emit('counter:renamed', { boardId, counterId, name: counter.name });
    return { counter };
  },

  async 'counter:delete'(ctx, { counterId }) {
    const { boardId } = await ownedCounter(ctx, counterId);
    if (!(await ctx.store.deleteCounter(counterId))) throw new TallyError('not_found', 'no such counter');
    // An update of this counter still held by the broadcast window goes first, not after the deletion.
    ctx.batcher.flushBroadcasts(boardId);
    ctx.io.to(boardId).emit('counter:deleted', { boardId, counterId });
    return {};
  },
} satisfies Pick<
  EventHandlers,
  'counter:create' | 'counter:increment' | 'counter:reset' | 'counter:rename' | 'counter:delete'
>;
