import { TallyError } from '@tally/events';
import { buildBoardSnapshot, type CountedBoardSnapshot } from '../boards/board-snapshot.js';
import { inArrivalOrder } from './arrival-order.js';
import type { AckedHandler, EventHandlers } from './event-router.js';
import type { EventContext } from './handler-context.js';
import { announceArrival, announceDeparture } from './presence-announcements.js';
import { enterBoardRooms, leaveBoardRooms } from './presence-rooms.js';

/**
 * `board:join` and `board:leave`: rooms, roles and the presence announcements that go with them.
 * A socket's joins and leaves run one after the other, in the order they arrived: a leave that
 * overtook a join still authorizing would find nothing to leave, and the join would then make the
 * socket a member nobody can see leave until it disconnects.
 */
export const boardHandlers = {
  'board:join': (ctx, payload) => inArrivalOrder(ctx.socket, () => joinBoard(ctx, payload)),
  'board:leave': (ctx, payload) => inArrivalOrder(ctx.socket, () => leaveBoard(ctx, payload)),
} satisfies Pick<EventHandlers, 'board:join' | 'board:leave'>;

const joinBoard: AckedHandler<'board:join'> = async (ctx, { boardId, key, presence: mode = 'members' }) => {
  const { socket, joined, summaries, presence, access } = ctx;
  const { board, role } = await access.authorize(boardId, key);
  // The socket may have gone while the board was read; joining now would leave a ghost member.
  if (!socket.connected) throw new TallyError('unavailable', 'disconnected');
  const wasCounted = !joined.viewerOnly();
  const previousRole = joined.roleOn(boardId);
  joined.set(boardId, role, mode);
  // Before the socket enters the summary room: no summary may reach it ahead of its snapshot.
  if (mode === 'summary') summaries.add(boardId, socket.id);
  else summaries.remove(boardId, socket.id);
  // Join the rooms before reading the snapshot: an update committed in between then arrives as
  // an event with a higher version, instead of falling between the snapshot and the room.
  await enterBoardRooms(socket, boardId, mode);
  let snapshot: CountedBoardSnapshot;
  if (role === 'viewer') {
    // A viewer hears everything and is nobody: a socket that was a member here stops being one.
    if (previousRole !== undefined && previousRole !== 'viewer') await leavePresence(ctx, boardId);
    if (wasCounted && joined.viewerOnly()) await stopCounting(ctx);
    snapshot = await buildBoardSnapshot(ctx, board, mode);
  } else {
    if (!wasCounted) await startCounting(ctx);
    // The presence write and the snapshot's reads go out together (one round trip, not two). The
    // write is sent first, on the connection the member reads use, so the snapshot lists the
    // joiner. The arrival is announced whatever the snapshot's fate: a join retried after a failed
    // read is no longer the member's first socket, and would never announce it.
    const announced = presence.join(boardId, socket.id).then(({ firstSocketOfMember }) => {
      if (firstSocketOfMember) announceArrival(socket, summaries, boardId);
    });
    [, snapshot] = await Promise.all([announced, buildBoardSnapshot(ctx, board, mode)]);
  }
  // Last before the ack, with no await in between: summaries read from now on are newer.
  if (mode === 'summary') {
    summaries.snapshotSent(boardId, socket.id, { count: snapshot.memberCount, members: snapshot.members });
  }
  // v1.1: an owner gets the keys to share, on whichever device it joins from.
  return role === 'owner'
    ? { board: snapshot, role, keys: access.keysFor(board) }
    : { board: snapshot, role };
};

const leaveBoard: AckedHandler<'board:leave'> = async (ctx, { boardId }) => {
  const { socket, joined, summaries } = ctx;
  const role = joined.roleOn(boardId);
  const wasCounted = !joined.viewerOnly();
  if (!joined.delete(boardId)) return {};
  summaries.remove(boardId, socket.id);
  await leaveBoardRooms(socket, boardId);
  if (role !== 'viewer') await leavePresence(ctx, boardId);
  // Its last board as a viewer is left: a socket on no board counts online again, as in v1.
  if (!wasCounted && !joined.viewerOnly()) await startCounting(ctx);
  // Its last board as a member is left while it views others: it stops counting, as on a join.
  if (wasCounted && joined.viewerOnly()) await stopCounting(ctx);
  return {};
};

async function leavePresence(ctx: EventContext, boardId: string): Promise<void> {
  const departure = await ctx.presence.leave(boardId, ctx.socket.id);
  if (departure) announceDeparture(ctx.io, ctx.summaries, departure);
}

/** The socket is no longer a viewer only: presence knows it again, and `stats.online` counts it. */
async function startCounting(ctx: EventContext): Promise<void> {
  // Checked right before connecting (its first step is synchronous): a socket that went during an
  // await of the join or leave was already forgotten by presence, and connecting it now would leave
  // a ghost counted online (and, on a join, a ghost member) for good.
  if (!ctx.socket.connected) throw new TallyError('unavailable', 'disconnected');
  await ctx.presence.connect(ctx.socket.id, {
    clientId: ctx.socket.data.clientId,
    name: ctx.socket.data.name,
  });
  ctx.stats.changed();
}

/** The socket is a viewer only now: presence forgets it, so that `stats.online` does not count it. */
async function stopCounting(ctx: EventContext): Promise<void> {
  const departures = await ctx.presence.disconnect(ctx.socket.id);
  for (const departure of departures) announceDeparture(ctx.io, ctx.summaries, departure);
  ctx.stats.changed();
}
