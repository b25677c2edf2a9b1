import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryPresenceRegistry } from './memory-presence-registry.js';
import type { PresenceRegistry } from './presence-registry.js';
import {
  createPresenceSummaries,
  type PresenceSummaries,
  type PresenceSummariesOptions,
  type PresenceSummaryPayload,
} from './presence-summaries.js';

const INTERVAL_MS = 1000;
/** Small, so that a handful of members already shows the cap. */
const LIMIT = 2;
const BOARD = 'b';

const ana = { clientId: 'ana', name: 'Ana' };
const ben = { clientId: 'ben', name: 'Ben' };
const cleo = { clientId: 'cleo', name: 'Cleo' };

interface Sent {
  to: string;
  payload: PresenceSummaryPayload;
  except?: string[];
}

describe('presence summaries', () => {
  let registry: PresenceRegistry;
  let summaries: PresenceSummaries;
  let sent: Sent[];
  let errors: unknown[];

  function start(overrides: Partial<PresenceSummariesOptions> = {}): void {
    summaries = createPresenceSummaries({
      read: (boardId) => registry.summary(boardId, LIMIT),
      sendToBoard: (boardId, payload, except) => sent.push({ to: `board:${boardId}`, payload, except }),
      sendToSockets: (socketIds, payload) => sent.push({ to: socketIds.join(','), payload }),
      intervalMs: INTERVAL_MS,
      onError: (error) => errors.push(error),
      ...overrides,
    });
  }

  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'performance'] });
    registry = createMemoryPresenceRegistry();
    sent = [];
    errors = [];
    start();
  });

  afterEach(() => {
    summaries.close();
    vi.useRealTimers();
  });

  /** A member's socket joins the board in summary mode, as board:join does it. */
  async function joinSummary(socketId: string, member = { clientId: socketId, name: socketId }) {
    summaries.add(BOARD, socketId);
    await registry.connect(socketId, member);
    if ((await registry.join(BOARD, socketId)).firstSocketOfMember) summaries.changed(BOARD);
    const snapshot = await registry.summary(BOARD, LIMIT);
    summaries.snapshotSent(BOARD, socketId, snapshot);
    return snapshot;
  }

  /** A member without a summary socket (a v1 socket) joins. */
  async function joinOther(socketId: string, member: { clientId: string; name: string }) {
    await registry.connect(socketId, member);
    if ((await registry.join(BOARD, socketId)).firstSocketOfMember) summaries.changed(BOARD);
  }

  async function leave(socketId: string) {
    if (await registry.leave(BOARD, socketId)) summaries.changed(BOARD);
  }

  /** Lets timers due now run, and the turn after them (a fake setImmediate moves the clock by 1 ms). */
  const soon = () => vi.advanceTimersByTimeAsync(1);
  /** Past the interval since the last read, with room for the turns it took. */
  const afterInterval = () => vi.advanceTimersByTimeAsync(INTERVAL_MS + 5);

  const toBoard = () => sent.filter((item) => item.to === `board:${BOARD}`).map((item) => item.payload);

  it('sends a joiner nothing while its snapshot is current, then room summaries when the count changes', async () => {
    await joinSummary('s1', ana);
    await soon();
    // The first read's room summary went to nobody yet (s1 excluded), and s1's snapshot was current.
    expect(sent).toEqual([
      { to: `board:${BOARD}`, payload: { boardId: BOARD, count: 1, members: [ana] }, except: ['s1'] },
    ]);

    sent = [];
    await joinOther('o1', ben);
    await afterInterval();
    expect(sent).toEqual([
      { to: `board:${BOARD}`, payload: { boardId: BOARD, count: 2, members: [ana, ben] }, except: [] },
    ]);
  });

  it('gathers the changes of an interval into one summary, and names members only when the visible ones changed', async () => {
    await joinSummary('s1', ana);
    await afterInterval();
    sent = [];

    // A quiet spell is over: the first change goes out at once, at the end of the turn.
    await joinOther('o1', ben);
    await soon();
    expect(toBoard()).toEqual([{ boardId: BOARD, count: 2, members: [ana, ben] }]);

    // Past the cap of 2, arrivals change the count only: no members.
    for (let i = 0; i < 30; i++)
      await joinOther(`extra-${i}`, { clientId: `extra-${i}`, name: `Extra ${i}` });
    await vi.advanceTimersByTimeAsync(INTERVAL_MS / 2);
    expect(toBoard()).toHaveLength(1);
    await afterInterval();
    expect(toBoard()).toEqual([
      { boardId: BOARD, count: 2, members: [ana, ben] },
      { boardId: BOARD, count: 32 },
    ]);

    // Ben leaves: the first two are another pair now, so the members come with it.
    await leave('o1');
    await afterInterval();
    expect(toBoard().at(-1)).toEqual({
      boardId: BOARD,
      count: 31,
      members: [ana, { clientId: 'extra-0', name: 'Extra 0' }],
    });
    // A join and a leave within one interval change nothing: no summary at all.
    await joinOther('o2', cleo);
    await leave('o2');
    await vi.advanceTimersByTimeAsync(3 * INTERVAL_MS);
    expect(toBoard()).toHaveLength(3);
  });

  it('brings a joiner up to date on its own when someone came and went between its snapshot and the next summary', async () => {
    await joinSummary('s1', ana);
    await afterInterval();
    sent = [];

    await joinOther('o1', ben);
    // s2's snapshot lists Ana, Ben and s2 (count 3, first two Ana and Ben); then Ben leaves.
    expect(await joinSummary('s2')).toEqual({ count: 3, members: [ana, ben] });
    await leave('o1');
    await afterInterval();
    // The board summary (Ana, s2) goes to s1; s2 is brought up to date on its own.
    const s2 = { clientId: 's2', name: 's2' };
    expect(sent).toEqual([
      { to: `board:${BOARD}`, payload: { boardId: BOARD, count: 2, members: [ana, s2] }, except: ['s2'] },
      { to: 's2', payload: { boardId: BOARD, count: 2, members: [ana, s2] } },
    ]);
  });

  it('sends a recovered socket the members even when nothing changed, and a current joiner nothing', async () => {
    await joinSummary('s1', ana);
    await afterInterval();
    sent = [];
    await joinSummary('s2', ana);
    summaries.addRecovered(BOARD, 's3');
    await afterInterval();
    expect(sent).toEqual([{ to: 's3', payload: { boardId: BOARD, count: 1, members: [ana] } }]);
  });

  it('brings every joiner of an interval up to date with one send per kind of news, not one per socket', async () => {
    await joinSummary('s1', ana);
    await afterInterval();
    sent = [];
    await joinOther('o1', ben);
    // s2 and s3 hold Ana and Ben, with counts that will be behind; s4 and s5 recovered and hold nothing known.
    await joinSummary('s2');
    await joinSummary('s3');
    summaries.addRecovered(BOARD, 's4');
    summaries.addRecovered(BOARD, 's5');
    await joinOther('o2', cleo);
    await afterInterval();
    const current = { boardId: BOARD, count: 5, members: [ana, ben] };
    expect(sent).toEqual([
      { to: `board:${BOARD}`, payload: current, except: ['s2', 's3', 's4', 's5'] },
      { to: 's4,s5', payload: current },
      { to: 's2,s3', payload: { boardId: BOARD, count: 5 } },
    ]);
  });

  it('excludes a joiner whose snapshot is still being read, and catches it up at the next read', async () => {
    await joinSummary('s1', ana);
    await afterInterval();
    sent = [];
    summaries.add(BOARD, 's2');
    await joinOther('o1', ben);
    await soon();
    expect(sent).toEqual([
      { to: `board:${BOARD}`, payload: { boardId: BOARD, count: 2, members: [ana, ben] }, except: ['s2'] },
    ]);
    // Its snapshot was read after Cleo came; the next read finds the same: nothing more to send.
    await joinOther('o2', cleo);
    summaries.snapshotSent(BOARD, 's2', await registry.summary(BOARD, LIMIT));
    await afterInterval();
    expect(sent.slice(1)).toEqual([
      { to: `board:${BOARD}`, payload: { boardId: BOARD, count: 3 }, except: ['s2'] },
    ]);
  });

  it('never runs two reads of a board at once, and reads again after the interval for changes made meanwhile', async () => {
    let reads = 0;
    let release: () => void = () => {};
    start({
      read: async (boardId) => {
        reads++;
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        return registry.summary(boardId, LIMIT);
      },
    });
    await joinSummary('s1', ana);
    await vi.advanceTimersByTimeAsync(5 * INTERVAL_MS);
    expect(reads).toBe(1);
    await joinOther('o1', ben);
    await vi.advanceTimersByTimeAsync(5 * INTERVAL_MS);
    expect(reads).toBe(1);
    release();
    await afterInterval();
    expect(reads).toBe(2);
  });

  it('tries again after the interval when a read fails', async () => {
    let failing = true;
    start({
      read: async (boardId) => {
        if (failing) throw new Error('Redis is away');
        return registry.summary(boardId, LIMIT);
      },
    });
    await joinSummary('s1', ana);
    await soon();
    expect(errors).toHaveLength(1);
    failing = false;
    await afterInterval();
    expect(errors).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps nothing for a board without summary sockets', async () => {
    summaries.changed('elsewhere');
    summaries.changedAnywhere();
    await afterInterval();
    expect(sent).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stops when the last summary socket goes: no timer is left behind', async () => {
    await joinSummary('s1', ana);
    await joinSummary('s2', ben);
    summaries.remove(BOARD, 's1');
    summaries.remove(BOARD, 's2');
    expect(vi.getTimerCount()).toBe(0);
    await joinOther('o1', cleo);
    await afterInterval();
    expect(sent).toEqual([]);
  });

  it('reads every board again on changedAnywhere, for what other nodes changed', async () => {
    await joinSummary('s1', ana);
    await afterInterval();
    sent = [];
    // Ben joins "on another node": this node is not told, it only looks again.
    await registry.connect('o1', ben);
    await registry.join(BOARD, 'o1');
    summaries.changedAnywhere();
    await soon();
    expect(toBoard()).toEqual([{ boardId: BOARD, count: 2, members: [ana, ben] }]);
    summaries.changedAnywhere();
    await afterInterval();
    expect(toBoard()).toHaveLength(1);
  });
});
