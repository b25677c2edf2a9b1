import type { ChatMessage } from '@tally/events';

/*
 * The chat as the log shows it: the board's live messages (the snapshot's last 50 and what came
 * since, at most 200, kept by @tally/client) after the earlier pages this panel loaded. Plain
 * functions of arrays, so that the merging is tested apart from React.
 */

/** The messages shown, oldest first, each once: earlier pages, then the live ones. */
export function chatTimeline(
  earlier: readonly ChatMessage[],
  live: readonly ChatMessage[],
): readonly ChatMessage[] {
  if (earlier.length === 0) return live;
  const liveIds = new Set(live.map((message) => message.id));
  return [...earlier.filter((message) => !liveIds.has(message.id)), ...live];
}

/** An earlier page (oldest first) put before what was loaded so far. */
export function withEarlierPage(
  earlier: readonly ChatMessage[],
  page: readonly ChatMessage[],
): readonly ChatMessage[] {
  const known = new Set(earlier.map((message) => message.id));
  return [...page.filter((message) => !known.has(message.id)), ...earlier];
}

/**
 * The earlier pages after the live list changed. The client keeps 200 live messages at most, so
 * on a busy board the oldest ones drop out of it: they move to the earlier pages, or a gap would
 * open between the two. A live list that shares nothing with the one before (a new snapshot
 * after a long absence) may leave messages out between them: then the pages are dropped
 * (null), and "Load earlier messages" fetches them again from the new start.
 */
export function earlierAfterLiveChange(
  earlier: readonly ChatMessage[],
  previousLive: readonly ChatMessage[],
  live: readonly ChatMessage[],
): readonly ChatMessage[] | null {
  if (earlier.length === 0 || previousLive === live) return earlier;
  const first = live[0];
  if (first === undefined) return earlier;
  const index = previousLive.findIndex((message) => message.id === first.id);
  if (index === -1) {
    const lastBefore = previousLive.at(-1);
    const overlaps = lastBefore === undefined || live.some((message) => message.id === lastBefore.id);
    return overlaps ? earlier : null;
  }
  return index === 0 ? earlier : [...earlier, ...previousLive.slice(0, index)];
}
