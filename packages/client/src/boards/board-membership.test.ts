import { describe, expect, it, vi } from 'vitest';
import { createBoardMembership } from './board-membership.js';

describe('board membership across a dropped link', () => {
  it('counts nothing as joined while the link is down, and tells subscribers', () => {
    const membership = createBoardMembership();
    membership.retain('shown', () => {});
    membership.markJoined('shown');
    const changes = vi.fn();
    const unsubscribe = membership.subscribe(changes);
    membership.suspendJoins();
    unsubscribe();
    expect(membership.isJoined('shown')).toBe(false);
    expect(changes).toHaveBeenCalledTimes(1);
  });

  it('a recovered session stands again for the boards still shown, and hands back the others to leave', () => {
    const membership = createBoardMembership();
    membership.retain('shown', () => {});
    const release = membership.retain('left-meanwhile', () => {});
    membership.markJoined('shown');
    membership.markJoined('left-meanwhile');
    membership.suspendJoins();
    release();

    const changes = vi.fn();
    const unsubscribe = membership.subscribe(changes);
    expect(membership.resumeJoins(true)).toEqual(['left-meanwhile']);
    unsubscribe();
    expect(membership.isJoined('shown')).toBe(true);
    expect(membership.isJoined('left-meanwhile')).toBe(false);
    // One notification: the pending-op flusher and the presence pointers hear it once.
    expect(changes).toHaveBeenCalledTimes(1);
  });

  it('a new session (not recovered) keeps none of the old joins: the registry joins again', () => {
    const membership = createBoardMembership();
    membership.retain('shown', () => {});
    membership.markJoined('shown');
    membership.suspendJoins();
    expect(membership.resumeJoins(false)).toEqual([]);
    expect(membership.isJoined('shown')).toBe(false);
    // Nothing is held over for a later connection either.
    expect(membership.resumeJoins(true)).toEqual([]);
    expect(membership.isJoined('shown')).toBe(false);
  });

  it('a release followed by a new retain in the same task does not leave (StrictMode remounts)', async () => {
    const membership = createBoardMembership();
    const leave = vi.fn();
    const release = membership.retain('board', leave);
    release();
    membership.retain('board', leave);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(leave).not.toHaveBeenCalled();
    expect(membership.retainedBoards()).toEqual(['board']);
  });
});
