import type { ChatMessage } from '@tally/events';
import { type RefObject, useCallback, useLayoutEffect, useRef, useState } from 'react';
import { countNewFromOthers, isAtBottom, scrollTopKeeping } from './chat-scroll';

export interface StickToBottom {
  logRef: RefObject<HTMLDivElement | null>;
  /** Messages from others that arrived while the reader was up in the log. */
  unread: number;
  onScroll(): void;
  /** Scrolls to the end and follows new messages again (the pill, or sending a message). */
  jumpToBottom(): void;
  /**
   * Call before asking for older messages: the message at the top of the view stays where it is
   * while `holdPosition` is true (the page is on its way, then going in above).
   */
  keepPosition(): void;
}

/** The first message at least partly in view, and how far its top is from the log's top edge. */
interface Anchor {
  id: string;
  offset: number;
}

function findAnchor(log: HTMLElement): Anchor | null {
  const top = log.getBoundingClientRect().top;
  for (const item of log.querySelectorAll<HTMLElement>('[data-message-id]')) {
    const rect = item.getBoundingClientRect();
    if (rect.bottom > top) return { id: item.dataset.messageId ?? '', offset: rect.top - top };
  }
  return null;
}

function restoreAnchor(log: HTMLElement, anchor: Anchor): void {
  const item = log.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(anchor.id)}"]`);
  if (item === null) return;
  const offsetNow = item.getBoundingClientRect().top - log.getBoundingClientRect().top;
  log.scrollTop = scrollTopKeeping(log.scrollTop, anchor.offset, offsetNow);
}

/**
 * A chat log that follows new messages only while the reader is at its end. Up in the log, new
 * messages do not move it: they are counted for the "new messages" pill instead, until the reader
 * is back at the end. Older messages put in above keep the one being read in place.
 */
export function useStickToBottom(
  messages: readonly ChatMessage[],
  selfId: string,
  holdPosition: boolean,
): StickToBottom {
  const logRef = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  const anchor = useRef<Anchor | null>(null);
  const shownLastId = useRef<string | undefined>(undefined);
  const [unread, setUnread] = useState(0);
  const lastId = messages.at(-1)?.id;

  const scrollToEnd = useCallback(() => {
    const log = logRef.current;
    if (log !== null) log.scrollTop = log.scrollHeight;
    following.current = true;
  }, []);

  // Before paint, so that a new message never shows at the wrong place for a frame.
  useLayoutEffect(() => {
    const log = logRef.current;
    const previousLastId = shownLastId.current;
    shownLastId.current = lastId;
    if (log === null) return;
    // Each commit while held (the page, then "No earlier messages" in place of the button) puts
    // the message back; restoring is absolute, so doing it again changes nothing.
    if (anchor.current !== null) restoreAnchor(log, anchor.current);
    if (!holdPosition) anchor.current = null;
    if (lastId === previousLastId) return;
    if (following.current) scrollToEnd();
    else {
      const added = countNewFromOthers(messages, previousLastId, selfId);
      if (added > 0) setUnread((count) => count + added);
    }
  }, [lastId, messages, selfId, holdPosition, scrollToEnd]);

  const onScroll = useCallback(() => {
    const log = logRef.current;
    if (log === null) return;
    following.current = isAtBottom(log);
    if (following.current) setUnread(0);
    // Scrolled while a page is on its way: the message to keep is the one in view now.
    if (anchor.current !== null) anchor.current = findAnchor(log);
  }, []);

  const jumpToBottom = useCallback(() => {
    scrollToEnd();
    setUnread(0);
  }, [scrollToEnd]);

  const keepPosition = useCallback(() => {
    const log = logRef.current;
    if (log !== null) anchor.current = findAnchor(log);
  }, []);

  return { logRef, unread, onScroll, jumpToBottom, keepPosition };
}
