import { beforeEach, describe, expect, it } from 'vitest';
import { joinKey, keyFromFragment, rememberBoardKeys } from './board-keys';
import { ownerLink, shareLink, viewerLink } from './share-links';

const ORIGIN = 'https://tally.example';

beforeEach(() => localStorage.clear());

describe('board links', () => {
  it("an owner's member link carries the access key; the view-only link opens display mode with the viewer key", () => {
    rememberBoardKeys('b1', { ownerKey: 'own', accessKey: 'acc', viewerKey: 'view' });
    expect(joinKey('b1')).toBe('own');
    expect(shareLink(ORIGIN, 'b1', 'private')).toBe(`${ORIGIN}/b/b1#key=acc`);
    expect(viewerLink(ORIGIN, 'b1', 'view')).toBe(`${ORIGIN}/b/b1/display#key=view`);
    expect(shareLink(ORIGIN, 'b1', 'public')).toBe(`${ORIGIN}/b/b1`);
    expect(ownerLink(ORIGIN, 'b1')).toBe(`${ORIGIN}/b/b1#key=own`);
  });

  it('never hands out the viewer key as the member link of an owner who lacks the access key', () => {
    rememberBoardKeys('b1', { ownerKey: 'own', viewerKey: 'view' });
    expect(shareLink(ORIGIN, 'b1', 'private')).toBeNull();
  });

  it('a viewer shares the view-only link; a browser without the owner key has no owner link', () => {
    rememberBoardKeys('b1', { viewerKey: 'view' });
    expect(shareLink(ORIGIN, 'b1', 'private')).toBe(`${ORIGIN}/b/b1/display#key=view`);
    expect(ownerLink(ORIGIN, 'b1')).toBeNull();
  });

  it('keys travel encoded in the fragment and are read back from it', () => {
    const link = new URL(viewerLink(ORIGIN, 'b1', 'a&b=c'));
    expect(link.search).toBe('');
    expect(keyFromFragment(link.hash)).toBe('a&b=c');
    expect(keyFromFragment('#key=')).toBeNull();
    expect(keyFromFragment('')).toBeNull();
  });
});
