import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PendingOp } from '../ops/pending-ops.js';
import { randomId } from '../ops/random-id.js';
import { createTabChannel, type TabChannel, type TabNotice } from './tab-channel.js';

const op: PendingOp = {
  kind: 'increment',
  opId: 'op-00001',
  boardId: 'b1',
  counterId: 'c1',
  by: 1,
  createdAt: 1,
};

const opened: Array<{ close(): void }> = [];
function open(name: string | null): TabChannel {
  const channel = createTabChannel(name);
  opened.push(channel);
  return channel;
}

function listen(channel: TabChannel): TabNotice[] {
  const received: TabNotice[] = [];
  channel.subscribe((notice) => received.push(notice));
  return received;
}

describe('createTabChannel', () => {
  afterEach(() => {
    for (const channel of opened.splice(0)) channel.close();
    vi.unstubAllGlobals();
  });

  it('carries notices to the other instances of the same name, not back to the sender', async () => {
    const name = `tally-test-${randomId()}`;
    const [first, second, elsewhere] = [open(name), open(name), open(`${name}-other`)];
    const [toFirst, toSecond, toElsewhere] = [listen(first), listen(second), listen(elsewhere)];
    expect(first.tabId).not.toBe(second.tabId);

    const notices: TabNotice[] = [
      { type: 'queue-changed' },
      { type: 'op-confirmed', op: { ...op, origin: first.tabId }, value: 3, version: 7 },
      { type: 'op-rejected', op, error: { code: 'forbidden', message: 'Only the owner can reset.' } },
    ];
    for (const notice of notices) first.post(notice);
    await vi.waitFor(() => expect(toSecond).toEqual(notices));
    second.post({ type: 'identity-changed' });
    await vi.waitFor(() => expect(toFirst).toEqual([{ type: 'identity-changed' }]));
    expect(toElsewhere).toEqual([]);
  });

  it('drops messages that are not notices it knows', async () => {
    const name = `tally-test-${randomId()}`;
    const received = listen(open(name));
    const olderApp = new BroadcastChannel(name);
    for (const message of [
      'queue-changed',
      { type: 'board-changed' },
      { type: 'op-confirmed', op, value: '3', version: 7 },
      { type: 'op-confirmed', op: { opId: 'x' }, value: 3, version: 7 },
      { type: 'op-rejected', op, error: { code: 'teapot', message: 'no' } },
    ])
      olderApp.postMessage(message);
    olderApp.postMessage({ type: 'queue-changed' });
    await vi.waitFor(() => expect(received.length).toBeGreaterThan(0));
    olderApp.close();
    expect(received).toEqual([{ type: 'queue-changed' }]);
  });

  it('stops receiving once closed or unsubscribed, and posting after close is a no-op', async () => {
    const name = `tally-test-${randomId()}`;
    const [sender, closed, unsubscribed, listening] = [open(name), open(name), open(name), open(name)];
    const toClosed = listen(closed);
    const toUnsubscribed: TabNotice[] = [];
    unsubscribed.subscribe((notice) => toUnsubscribed.push(notice))();
    const toOpen = listen(listening);
    closed.close();
    expect(() => closed.post({ type: 'queue-changed' })).not.toThrow();
    sender.post({ type: 'queue-changed' });
    await vi.waitFor(() => expect(toOpen).toHaveLength(1));
    expect(toClosed).toEqual([]);
    expect(toUnsubscribed).toEqual([]);
  });

  it('is alone with the name null', async () => {
    const name = `tally-test-${randomId()}`;
    const [alone, otherAlone, sender, receiver] = [open(null), open(null), open(name), open(name)];
    const [toAlone, toOtherAlone, toReceiver] = [listen(alone), listen(otherAlone), listen(receiver)];
    otherAlone.post({ type: 'identity-changed' });
    sender.post({ type: 'queue-changed' });
    await vi.waitFor(() => expect(toReceiver).toHaveLength(1));
    expect(toAlone).toEqual([]);
    expect(toOtherAlone).toEqual([]);
  });

  it('is alone where there is no BroadcastChannel', () => {
    vi.stubGlobal('BroadcastChannel', undefined);
    const channel = open('tally');
    const received = listen(channel);
    channel.post({ type: 'queue-changed' });
    expect(channel.tabId).toMatch(/^[0-9a-f]{32}$/);
    expect(received).toEqual([]);
  });
});
