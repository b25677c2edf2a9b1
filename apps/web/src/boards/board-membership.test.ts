import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  isJoined,
  markJoined,
  resumeJoins,
  retainBoard,
  subscribeToJoins,
  suspendJoins,
} from './board-membership';

/** The membership is the tab's one record: each test uses boards of its own and ends with no link drop pending. */
let boardCount = 0;
function uniqueBoard(): string {
  boardCount += 1;
  return `membership-${boardCount}`;
}

describe('board membership across a dropped link', () => {
  afterEach(() => {
    resumeJoins(false);
  });

  it('counts nothing as joined while the link is down, and tells subscribers', () => {
    const shown = uniqueBoard();
    retainBoard(shown, () => {});
    markJoined(shown);
    const changes = vi.fn();
    const unsubscribe = subscribeToJoins(changes);
    suspendJoins();
    unsubscribe();
    expect(isJoined(shown)).toBe(false);
    expect(changes).toHaveBeenCalledTimes(1);
  });

  it('a recovered session stands again for the boards still shown, and hands back the others to leave', () => {
    const shown = uniqueBoard();
    const leftMeanwhile = uniqueBoard();
    retainBoard(shown, () => {});
    const release = retainBoard(leftMeanwhile, () => {});
    markJoined(shown);
    markJoined(leftMeanwhile);
    suspendJoins();
    release();

    const changes = vi.fn();
    const unsubscribe = subscribeToJoins(changes);
    expect(resumeJoins(true)).toEqual([leftMeanwhile]);
    unsubscribe();
    expect(isJoined(shown)).toBe(true);
    expect(isJoined(leftMeanwhile)).toBe(false);
    // One notification: the pending-op flusher and the presence focus hear it once.
    expect(changes).toHaveBeenCalledTimes(1);
  });

  it('a new session (not recovered) keeps none of the old joins: the board queries join again', () => {
    const shown = uniqueBoard();
    retainBoard(shown, () => {});
    markJoined(shown);
    suspendJoins();
    expect(resumeJoins(false)).toEqual([]);
    expect(isJoined(shown)).toBe(false);
    // Nothing is held over for a later connection either.
    expect(resumeJoins(true)).toEqual([]);
    expect(isJoined(shown)).toBe(false);
  });
});
