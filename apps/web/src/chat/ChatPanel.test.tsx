import type { TallyClient } from '@tally/client';
import type { ChatMessage, ChatPage } from '@tally/events';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { TallyClientProvider } from '../app/TallyClientProvider';
import ChatPanel from './ChatPanel';

const SELF = 'self-client';
const message = (n: number, clientId = 'other-client'): ChatMessage => ({
  id: `m${n}`,
  clientId,
  name: clientId === SELF ? 'Me' : 'Ana',
  text: `message ${n}`,
  at: n,
});
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => message(from + i));

/** The two commands the panel uses; pages are answered when the test says so. */
function clientStandIn() {
  const pageRequests: Array<{ before?: string; answer(page: ChatPage): Promise<void> }> = [];
  const client = {
    sendChat: async () => ({ ok: false, error: { code: 'unavailable', message: 'offline' } }),
    chatHistory: (_boardId: string, page: { before?: string } = {}) =>
      new Promise((resolve) => {
        pageRequests.push({
          before: page.before,
          answer: (answer) => act(async () => resolve({ ok: true, ...answer })),
        });
      }),
  } as unknown as TallyClient;
  return { client, pageRequests };
}

/**
 * The log's scroll box with measures happy-dom does not lay out: 20 px per message (and 30 px
 * for what sits above them), 220 px tall.
 */
function measureLog(log: HTMLElement) {
  let scrollTop = 0;
  const height = () => log.querySelectorAll('li').length * 20 + 30;
  Object.defineProperties(log, {
    scrollHeight: { configurable: true, get: height },
    clientHeight: { configurable: true, get: () => 220 },
    scrollTop: {
      configurable: true,
      get: () => scrollTop,
      set: (value: number) => {
        scrollTop = Math.max(0, Math.min(value, height() - 220));
      },
    },
  });
  return {
    get scrollTop() {
      return scrollTop;
    },
    scrollTo(top: number) {
      log.scrollTop = top;
      fireEvent.scroll(log);
    },
    atBottom: () => scrollTop === height() - 220,
  };
}

function setUp(messages: ChatMessage[]) {
  const { client, pageRequests } = clientStandIn();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <TallyClientProvider client={client}>{children}</TallyClientProvider>
  );
  const panel = (list: ChatMessage[]) => <ChatPanel boardId="b1" messages={list} selfId={SELF} />;
  const view = render(panel([]), { wrapper });
  const log = screen.getByRole('log', { name: 'Chat' });
  const box = measureLog(log);
  view.rerender(panel(messages));
  return { log, box, pageRequests, show: (list: ChatMessage[]) => view.rerender(panel(list)) };
}

const pill = () => screen.queryByRole('button', { name: /new messages?$/ });

describe('ChatPanel', () => {
  afterEach(cleanup);

  it('follows new messages while the reader is at the end', () => {
    const { box, show } = setUp(range(1, 30));
    expect(box.atBottom()).toBe(true);
    show(range(1, 31));
    expect(box.atBottom()).toBe(true);
    expect(pill()).toBeNull();
  });

  it('keeps the reader’s place up in the log and counts what came in a pill, which takes them to the end', () => {
    const { log, box, show } = setUp(range(1, 30));
    box.scrollTo(100);
    show(range(1, 31));
    show([...range(1, 31), message(32, SELF), message(33)]);
    expect(box.scrollTop).toBe(100);
    expect(pill()?.textContent).toBe('2 new messages ↓');

    fireEvent.click(pill() as HTMLElement);
    expect(box.atBottom()).toBe(true);
    expect(pill()).toBeNull();
    expect(document.activeElement).toBe(log);
  });

  it('hides the pill when the reader scrolls back to the end', () => {
    const { box, show } = setUp(range(1, 30));
    box.scrollTo(0);
    show(range(1, 31));
    expect(pill()?.textContent).toBe('1 new message ↓');
    box.scrollTo(10_000);
    expect(pill()).toBeNull();
    show(range(1, 32));
    expect(box.atBottom()).toBe(true);
  });

  it('takes the writer to the end when they send a message', () => {
    const { box } = setUp(range(1, 30));
    box.scrollTo(0);
    fireEvent.change(screen.getByRole('textbox', { name: 'Message' }), { target: { value: 'hello' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(box.atBottom()).toBe(true);
  });

  it('loads earlier messages before the first one shown, quiet while they go in, until there are none', async () => {
    const { log, pageRequests } = setUp(range(51, 100));
    const load = screen.getByRole('button', { name: 'Load earlier messages' });
    fireEvent.click(load);
    expect(pageRequests.map((request) => request.before)).toEqual(['m51']);
    expect(load).toHaveProperty('textContent', 'Loading…');
    expect(load.getAttribute('aria-busy')).toBe('true');
    expect(log.getAttribute('aria-live')).toBe('off');

    await pageRequests[0]?.answer({ messages: range(1, 50), hasMore: false });
    expect(screen.getAllByRole('listitem')).toHaveLength(100);
    expect(screen.getAllByRole('listitem')[0]?.textContent).toContain('message 1');
    expect(screen.queryByRole('button', { name: /earlier/ })).toBeNull();
    expect(screen.getByText('No earlier messages')).toBeTruthy();
  });

  it('offers nothing earlier when the board has fewer messages than a snapshot holds', () => {
    setUp(range(1, 49));
    expect(screen.queryByRole('button', { name: 'Load earlier messages' })).toBeNull();
  });
});
