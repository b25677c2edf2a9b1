import type { ChatMessage } from '@tally/events';

/**
 * How close to the bottom (px) still counts as at the bottom: rounding of fractional scroll
 * positions and a nudge of the wheel should not stop the log from following new messages.
 */
const BOTTOM_SLACK_PX = 8;

/** The scroll measures of the log, as the DOM gives them. */
export interface ScrollBox {
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
}

/** Whether the reader is at (or within BOTTOM_SLACK_PX of) the end of the log. */
export function isAtBottom(box: ScrollBox, slack = BOTTOM_SLACK_PX): boolean {
  return box.scrollHeight - box.scrollTop - box.clientHeight <= slack;
}

/**
 * How many of the messages after `previousLastId` (the last one the log showed before) came from
 * someone else: what the "new messages" pill counts. 0 when the log showed nothing before, or when
 * that message is gone (the list was replaced, e.g. by a new snapshot after a reconnect).
 */
export function countNewFromOthers(
  messages: readonly ChatMessage[],
  previousLastId: string | undefined,
  selfId: string,
): number {
  if (previousLastId === undefined) return 0;
  const index = messages.findLastIndex((message) => message.id === previousLastId);
  if (index === -1) return 0;
  let count = 0;
  for (const message of messages.slice(index + 1)) if (message.clientId !== selfId) count++;
  return count;
}

/** The pill's words: "1 new message", "3 new messages". */
export function newMessagesLabel(count: number): string {
  return count === 1 ? '1 new message' : `${count} new messages`;
}

/**
 * The scrollTop that puts a message back where it was in the log's viewport: `offsetBefore` and
 * `offsetNow` are its distance from the log's top edge before and after older messages went in
 * above it.
 */
export function scrollTopKeeping(scrollTop: number, offsetBefore: number, offsetNow: number): number {
  return scrollTop + (offsetNow - offsetBefore);
}
