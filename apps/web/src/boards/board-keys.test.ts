import { beforeEach, describe, expect, it } from 'vitest';
import {
  assumedRole,
  fileAsViewerKey,
  getBoardKeys,
  joinKey,
  rememberBoardKeys,
  shareLink,
  viewerLink,
} from './board-keys';

const ORIGIN = 'https://tally.example';

describe('board keys', () => {
  beforeEach(() => localStorage.clear());

  it("an owner's member link carries the access key, and the view-only link the viewer key", () => {
    rememberBoardKeys('b1', { ownerKey: 'own', accessKey: 'acc', viewerKey: 'view' });
    expect(joinKey('b1')).toBe('own');
    expect(shareLink(ORIGIN, 'b1', 'private')).toBe(`${ORIGIN}/b/b1#key=acc`);
    expect(viewerLink(ORIGIN, 'b1', 'view')).toBe(`${ORIGIN}/b/b1#key=view`);
    expect(shareLink(ORIGIN, 'b1', 'public')).toBe(`${ORIGIN}/b/b1`);
  });

  it('never hands out the viewer key as the member link of an owner who lacks the access key', () => {
    rememberBoardKeys('b1', { ownerKey: 'own', viewerKey: 'view' });
    expect(shareLink(ORIGIN, 'b1', 'private')).toBeNull();
  });

  it('files a link key the join called a viewer key as one: view-only over HTTP too, and shared as such', () => {
    rememberBoardKeys('b1', { accessKey: 'view' });
    expect(assumedRole('b1')).toBe('member');
    fileAsViewerKey('b1', 'view');
    expect(getBoardKeys('b1')).toEqual({ viewerKey: 'view' });
    expect(joinKey('b1')).toBe('view');
    expect(assumedRole('b1')).toBe('viewer');
    expect(shareLink(ORIGIN, 'b1', 'private')).toBe(`${ORIGIN}/b/b1#key=view`);
    // A member link opened later wins over it.
    rememberBoardKeys('b1', { accessKey: 'acc' });
    expect(joinKey('b1')).toBe('acc');
    expect(assumedRole('b1')).toBe('member');
  });
});
