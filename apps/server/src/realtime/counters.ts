import { TallyError } from '@tally/events';
import type { RoleNeeded } from '../boards/board-roles.js';
import { authorizeCounter } from '../boards/counter-access.js';
import { applyCounterOp } from '../boards/counter-ops.js';
import { newId } from '../boards/ids.js';
import { undoRefusal } from '../counters/undo-policy.js';
import { type Actor, type CounterSettings, resetValue } from '../store/store.js';
import type { EventHandlers } from './event-router.js';
import type { EventContext } from './handler-context.js';

/** The member behind a socket, as the activity records it (the name at that moment). */
function actorOf({ socket }: EventContext): Actor {
  return { clientId: socket.data.clientId, name: socket.data.name };
}

/**
 * The board of a counter, after checking that the socket joined it with a role that may do what is
 * `needed` (the check the HTTP routes share). Reads no store once the board is known.
 */
async function counterBoardFor(
  { counterBoards, joined }: EventContext,
  counterId: string,
  needed: RoleNeeded,
): Promise<string> {
  const { boardId } = await authorizeCounter(
    counterBoards,
    counterId,
    (id) => joined.requireRole(id),
    needed,
  );
  return boardId;
}

/** The settings a configure asks for: only the fields it names (null clears a bound or the goal). */
function settingsChanges({ min, max, step, goal }: Partial<CounterSettings>): Partial<CounterSettings> {
  return {
    ...(min !== undefined && { min }),
    ...(max !== undefined && { max }),
    ...(step !== undefined && { step }),
    ...(goal !== undefined && { goal }),
  };
}

/**
 * Counter events. Value changes (increment, reset, undo) go through the write batcher, which
 * broadcasts `counter:updated` at most once per board per window; the others broadcast here.
 * Every change names its actor, for the activity record and live feeds.
 */
export const counterHandlers = {
  async 'counter:create'(ctx, { boardId, name, value, min = null, max = null, step = 1, goal = null }) {
    ctx.joined.requireWriter(boardId);
    const settings = { min, max, step, goal };
    // Without a value a counter starts where a reset would put it; the store checks the bounds.
    const start = value ?? resetValue(settings);
    const actor = actorOf(ctx);
    const counter = await ctx.store.createCounter(
      { id: newId(), boardId, name, value: start, ...settings },
      actor,
    );
    ctx.counterBoards.remember(boardId, [counter]);
    ctx.io.to(boardId).emit('counter:created', { boardId, counter, actor });
    return { counter };
  },

  async 'counter:increment'(ctx, { counterId, by, opId }) {
    // One store call per click: the board is known in process, so only the write reaches the store.
    await counterBoardFor(ctx, counterId, 'writer');
    const op = { kind: 'increment', opId, counterId, by: by ?? 1, actor: actorOf(ctx) } as const;
    const { value, version } = await applyCounterOp(ctx.batcher, op, ctx.addressLimits.addressOf(ctx.socket));
    return { value, version };
  },

  async 'counter:reset'(ctx, { counterId, opId }) {
    await counterBoardFor(ctx, counterId, 'owner');
    const op = { kind: 'reset', opId, counterId, actor: actorOf(ctx) } as const;
    const { value, version } = await applyCounterOp(ctx.batcher, op, ctx.addressLimits.addressOf(ctx.socket));
    return { value, version };
  },

  async 'counter:undo'(ctx, { opId, undoOpId }) {
    const { store, joined, socket } = ctx;
    const record = await store.getOp(opId);
    if (!record)
      throw new TallyError('not_found', 'no such operation (unknown, or older than the opId memory)');
    const role = joined.requireRole(record.boardId);
    const refusal = undoRefusal(record, { role, clientId: socket.data.clientId }, Date.now());
    if (refusal) throw refusal;
    const op = { kind: 'undo', opId: undoOpId, undoes: opId, actor: actorOf(ctx) } as const;
    const { value, version } = await applyCounterOp(ctx.batcher, op, ctx.addressLimits.addressOf(ctx.socket));
    return { value, version };
  },

  async 'counter:rename'(ctx, { counterId, name }) {
    const boardId = await counterBoardFor(ctx, counterId, 'owner');
    const actor = actorOf(ctx);
    const counter = await ctx.store.renameCounter(counterId, name, actor);
    if (!counter) throw new TallyError('not_found', 'no such counter');
    ctx.io.to(boardId).emit('counter:renamed', { boardId, counterId, name: counter.name, actor });
    return { counter };
  },

  async 'counter:configure'(ctx, { counterId, ...fields }) {
    await counterBoardFor(ctx, counterId, 'owner');
    const changes = settingsChanges(fields);
    // Nothing asked, nothing changed: no activity entry, no broadcast; the counter as it is now.
    if (Object.keys(changes).length === 0) {
      const current = await ctx.store.getCounter(counterId);
      if (!current) throw new TallyError('not_found', 'no such counter');
      return { counter: current };
    }
    const actor = actorOf(ctx);
    const counter = await ctx.store.configureCounter(counterId, changes, actor);
    if (!counter) throw new TallyError('not_found', 'no such counter');
    ctx.io.to(counter.boardId).emit('counter:configured', { boardId: counter.boardId, counter, actor });
    return { counter };
  },

  async 'counter:delete'(ctx, { counterId }) {
    const boardId = await counterBoardFor(ctx, counterId, 'owner');
    const actor = actorOf(ctx);
    const deleted = await ctx.store.deleteCounter(counterId, actor);
    // Deleted here or earlier elsewhere: either way this node stops knowing it.
    ctx.counterBoards.forget(counterId);
    if (!deleted) throw new TallyError('not_found', 'no such counter');
    // An update of this counter still held by the broadcast window goes first, not after the deletion.
    ctx.batcher.flushBroadcasts(boardId);
    ctx.io.to(boardId).emit('counter:deleted', { boardId, counterId, actor });
    return {};
  },
} satisfies Pick<
  EventHandlers,
  | 'counter:create'
  | 'counter:increment'
  | 'counter:reset'
  | 'counter:undo'
  | 'counter:rename'
  | 'counter:configure'
  | 'counter:delete'
>;
