import { describe, expect, it, vi } from 'vitest';
import type { ProtocolViolation } from '../protocol/protocol-violation.js';
import { createServerEventHub } from '../protocol/server-event-hub.js';
import { FakeSocket } from '../testing/fake-socket.js';
import { sampleSnapshot as snapshot } from '../testing/sample-board.js';
import { createBoardMembership } from './board-membership.js';
import { type BoardRegistryDeps, createBoardRegistry, MAX_VERSION_LEAP } from './board-registry.js';

function setUp(keys: Pick<BoardRegistryDeps, 'boardKey' | 'onKeyRefused'> = { boardKey: () => undefined }) {
  const socket = new FakeSocket();
  socket.answer('board:join', () => ({ ok: true, board: snapshot, role: 'member' }));
  socket.answer('board:leave', () => ({ ok: true }));
  const violations: ProtocolViolation[] = [];
  const reporter = { report: (violation: ProtocolViolation) => violations.push(violation) };
  const membership = createBoardMembership();
  const hub = createServerEventHub(socket.asSocket(), reporter);
  const registry = createBoardRegistry({
    socket: socket.asSocket(),
    hub,
    membership,
    reporter,
    getJson: () => Promise.reject(new Error('no HTTP in this test')),
    ...keys,
    guessRole: () => 'member',
    handshakeReady: Promise.resolve(),
    now: () => 1_000,
    selfId: () => 'self-00001',
  });
  return { socket, violations, membership, registry };
}

async function openedBoard() {
  const setup = setUp();
  setup.registry.open('b1');
  await setup.registry.ready('b1');
  return setup;
}

describe('board registry', () => {
  it('joins an opened board in summary mode and holds its snapshot', async () => {
    const { socket, registry, membership } = await openedBoard();
    expect(socket.sent[0]).toMatchObject({
      event: 'board:join',
      payload: { boardId: 'b1', presence: 'summary' },
    });
    expect(registry.get('b1')).toMatchObject({
      status: 'ready',
      view: { role: 'member', board: { name: 'Door' } },
    });
    expect(membership.isJoined('b1')).toBe(true);
  });

  it('applies a valid update under the version rules and tells it in the live feed', async () => {
    const { socket, registry } = await openedBoard();
    socket.serverSends('counter:updated', {
      boardId: 'b1',
      updates: [
        {
          counterId: 'c1',
          value: 8,
          version: 6,
          actors: [{ clientId: 'member-0001', name: 'Ana', delta: 3 }],
        },
      ],
    });
    expect(registry.get('b1').view?.board.counters[0]).toMatchObject({ value: 8, version: 6 });
    expect(registry.get('b1').live).toMatchObject([{ type: 'update', counterId: 'c1', value: 8, before: 5 }]);
    // An older or equal version changes nothing.
    const before = registry.get('b1');
    socket.serverSends('counter:updated', {
      boardId: 'b1',
      updates: [{ counterId: 'c1', value: 2, version: 6 }],
    });
    expect(registry.get('b1').view).toBe(before.view);
  });

  const malformed: Array<[string, string, unknown, ProtocolViolation['reason']]> = [
    [
      'a value of the wrong type',
      'counter:updated',
      { boardId: 'b1', updates: [{ counterId: 'c1', value: '9', version: 6 }] },
      'schema',
    ],
    [
      'an unsafe integer',
      'counter:updated',
      { boardId: 'b1', updates: [{ counterId: 'c1', value: 2 ** 60, version: 6 }] },
      'schema',
    ],
    [
      'a counter the board never had',
      'counter:updated',
      { boardId: 'b1', updates: [{ counterId: 'ghost', value: 1, version: 1 }] },
      'unknown_counter',
    ],
    [
      'a version from the future',
      'counter:updated',
      { boardId: 'b1', updates: [{ counterId: 'c1', value: 1, version: 5 + MAX_VERSION_LEAP + 1 }] },
      'version_leap',
    ],
    [
      'an oversized list of updates',
      'counter:updated',
      {
        boardId: 'b1',
        updates: Array.from({ length: 201 }, () => ({ counterId: 'c1', value: 9, version: 9 })),
      },
      'schema',
    ],
    [
      'an oversized presence list',
      'presence:summary',
      {
        boardId: 'b1',
        count: 500,
        members: Array.from({ length: 101 }, (_, n) => ({ clientId: `member-${1000 + n}`, name: 'x' })),
      },
      'schema',
    ],
    [
      'a rename of an unknown counter',
      'counter:renamed',
      { boardId: 'b1', counterId: 'ghost', name: 'Boo' },
      'unknown_counter',
    ],
    [
      'a chat message without text',
      'chat:message',
      { boardId: 'b1', message: { id: 'm1', clientId: 'member-0001', name: 'Ana', at: 1 } },
      'schema',
    ],
    [
      'a counter missing its settings',
      'counter:created',
      { boardId: 'b1', counter: { id: 'c2', boardId: 'b1', name: 'New', value: 0, version: 0 } },
      'schema',
    ],
    ['a payload that is not an object', 'counter:deleted', 'c1', 'schema'],
  ];

  it.each(malformed)(
    'drops and reports %s, leaving the state as it was',
    async (_label, event, payload, reason) => {
      const { socket, registry, violations } = await openedBoard();
      const before = registry.get('b1');
      socket.serverSends(event, payload);
      expect(registry.get('b1')).toBe(before);
      expect(violations).toHaveLength(1);
      expect(violations[0]).toMatchObject({ event, reason });
    },
  );

  it('a rejected update leaves the next valid one to apply normally', async () => {
    const { socket, registry } = await openedBoard();
    socket.serverSends('counter:updated', {
      boardId: 'b1',
      updates: [{ counterId: 'c1', value: 1, version: 10 ** 12 }],
    });
    socket.serverSends('counter:updated', {
      boardId: 'b1',
      updates: [{ counterId: 'c1', value: 6, version: 6 }],
    });
    expect(registry.get('b1').view?.board.counters[0]).toMatchObject({ value: 6, version: 6 });
  });

  it('passes over events of boards it does not show', async () => {
    const { socket, registry, violations } = await openedBoard();
    const before = registry.get('b1');
    socket.serverSends('counter:updated', {
      boardId: 'other',
      updates: [{ counterId: 'x1', value: 1, version: 1 }],
    });
    expect(registry.get('b1')).toBe(before);
    expect(violations).toEqual([]);
  });

  it('events about a counter deleted here are late, not wrong', async () => {
    const { socket, registry, violations } = await openedBoard();
    registry.updateView('b1', (view) => ({ ...view, board: { ...view.board, counters: [] } }));
    socket.serverSends('counter:updated', {
      boardId: 'b1',
      updates: [{ counterId: 'c1', value: 9, version: 9 }],
    });
    expect(violations).toEqual([]);
    expect(registry.get('b1').view?.board.counters).toEqual([]);
  });

  it('joins again after a reconnect the server did not recover, not after one it did', async () => {
    const { socket, registry } = await openedBoard();
    const joins = () => socket.sent.filter((sent) => sent.event === 'board:join').length;
    registry.onDisconnect();
    registry.onConnect(true);
    expect(joins()).toBe(1);
    registry.onDisconnect();
    registry.onConnect(false);
    await registry.ready('b1');
    await vi.waitFor(() => expect(joins()).toBe(2));
  });

  it('leaves the room one task after the last release', async () => {
    const { socket, registry } = setUp();
    const release = registry.open('b1');
    await registry.ready('b1');
    release();
    expect(socket.sent.some((sent) => sent.event === 'board:leave')).toBe(false);
    await vi.waitFor(() => expect(socket.sent.some((sent) => sent.event === 'board:leave')).toBe(true));
    expect(registry.get('b1').status).toBe('loading');
  });

  it('a final refusal ends loading with its error', async () => {
    const { socket, registry } = setUp();
    socket.answer('board:join', () => ({ ok: false, error: { code: 'forbidden', message: 'No access.' } }));
    registry.open('b1');
    await expect(registry.ready('b1')).rejects.toMatchObject({ code: 'forbidden' });
    expect(registry.get('b1').status).toBe('error');
  });

  describe('keys', () => {
    /** A private board that opens with the key 'right' only; the keys this browser holds are in `held`. */
    function privateBoard(held: string[]) {
      const refused: string[] = [];
      const setup = setUp({
        boardKey: () => held[0],
        onKeyRefused(_boardId, key) {
          refused.push(key);
          held.splice(held.indexOf(key), 1);
        },
      });
      setup.socket.answer('board:join', (payload) =>
        (payload as { key?: string }).key === 'right'
          ? { ok: true, board: { ...snapshot, visibility: 'private' }, role: 'member' }
          : { ok: false, error: { code: 'forbidden', message: 'wrong key' } },
      );
      const joinedWith = () =>
        setup.socket.sent
          .filter((sent) => sent.event === 'board:join')
          .map((sent) => (sent.payload as { key?: string }).key);
      return { ...setup, refused, joinedWith };
    }

    it('a refused key is told and forgotten, and the board is joined at once with the next one', async () => {
      const { registry, refused, joinedWith } = privateBoard(['wrong', 'right']);
      registry.open('b1');
      await expect(registry.ready('b1')).resolves.toMatchObject({ role: 'member' });
      expect(refused).toEqual(['wrong']);
      expect(joinedWith()).toEqual(['wrong', 'right']);
    });

    it('without another key the refusal stands, and a refusal without a key tells nothing', async () => {
      const { registry, refused, joinedWith } = privateBoard(['wrong']);
      registry.open('b1');
      await expect(registry.ready('b1')).rejects.toMatchObject({ code: 'forbidden' });
      expect(refused).toEqual(['wrong']);
      expect(joinedWith()).toEqual(['wrong', undefined]);
      expect(registry.get('b1').status).toBe('error');
    });

    it('a rejoin after a refusal joins with the key given now', async () => {
      const held: string[] = [];
      const { registry, joinedWith } = privateBoard(held);
      registry.open('b1');
      await expect(registry.ready('b1')).rejects.toMatchObject({ code: 'forbidden' });
      held.push('right');
      registry.rejoin('b1');
      expect(registry.get('b1')).toMatchObject({ status: 'loading', error: undefined });
      await expect(registry.ready('b1')).resolves.toMatchObject({ role: 'member' });
      expect(joinedWith()).toEqual([undefined, 'right']);
    });

    it('a load superseded by a rejoin is dropped: its refusal neither shows nor forgets the new key', async () => {
      const held = ['wrong'];
      const { socket, registry, refused } = privateBoard(held);
      // The link changes while the server refuses the first key: the answer comes after the rejoin.
      socket.answer('board:join', (payload) => {
        if ((payload as { key?: string }).key === 'right')
          return { ok: true, board: { ...snapshot, visibility: 'private' }, role: 'member' };
        held.unshift('right');
        registry.rejoin('b1');
        return { ok: false, error: { code: 'forbidden', message: 'wrong key' } };
      });
      registry.open('b1');
      await expect(registry.ready('b1')).resolves.toMatchObject({ role: 'member' });
      await vi.waitFor(() => expect(registry.get('b1').status).toBe('ready'));
      expect(refused).toEqual([]);
    });
  });
});
