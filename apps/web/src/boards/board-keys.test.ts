import { beforeEach, describe, expect, it, vi } from 'vitest';

// A fresh module per test: the keys of the links a tab opened live in the module, not in storage.
let keys: typeof import('./board-keys');
beforeEach(async () => {
  localStorage.clear();
  vi.resetModules();
  keys = await import('./board-keys');
});

describe('keys from links', () => {
  it("a link's key is tried first but stored only once a join accepted it, as the key of the role it gave", () => {
    keys.rememberBoardKeys('b1', { accessKey: 'acc' });
    expect(keys.offerLinkKey('b1', 'link')).toBe(true);
    expect(keys.offerLinkKey('b1', 'link')).toBe(false);
    expect(keys.joinKey('b1')).toBe('link');
    expect(keys.getBoardKeys('b1')).toEqual({ accessKey: 'acc' });
    keys.rememberRole('b1', { role: 'viewer' });
    expect(keys.getBoardKeys('b1')).toEqual({ accessKey: 'acc', viewerKey: 'link' });
    // It stays this tab's key: an owner or member who opened the view-only link stays a viewer here.
    expect(keys.joinKey('b1')).toBe('link');
  });

  it('an owner link makes this browser an owner, listed with the board and the keys its join gave', () => {
    keys.offerLinkKey('b1', 'own');
    keys.rememberRole('b1', { role: 'owner', keys: { viewerKey: 'view', accessKey: 'acc' }, name: 'Door' });
    expect(keys.getBoardKeys('b1')).toEqual({
      ownerKey: 'own',
      viewerKey: 'view',
      accessKey: 'acc',
      name: 'Door',
    });
    expect(keys.ownedBoards()).toEqual([{ id: 'b1', name: 'Door' }]);
  });

  it('a refused key is forgotten, from the link and from storage, and the stored keys are tried again', () => {
    keys.rememberBoardKeys('b1', { accessKey: 'stale', viewerKey: 'view' });
    keys.offerLinkKey('b1', 'wrong');
    keys.forgetBoardKey('b1', 'wrong');
    expect(keys.joinKey('b1')).toBe('stale');
    keys.forgetBoardKey('b1', 'stale');
    expect(keys.getBoardKeys('b1')).toEqual({ viewerKey: 'view' });
    expect(keys.joinKey('b1')).toBe('view');
    keys.forgetBoardKey('b1', 'view');
    // A public board then opens without a key, on later visits too.
    expect(keys.joinKey('b1')).toBeUndefined();
  });

  it('a role read over HTTP (a guess) never turns an owner key into an access key', () => {
    keys.rememberBoardKeys('b1', { ownerKey: 'own' });
    keys.offerLinkKey('b1', 'own');
    keys.rememberRole('b1', { role: 'member' });
    expect(keys.getBoardKeys('b1')).toEqual({ ownerKey: 'own' });
  });

  it('a stored access key the join called a viewer key is filed as one: view-only over HTTP too', () => {
    keys.rememberBoardKeys('b1', { accessKey: 'view' });
    expect(keys.assumedRole('b1')).toBe('member');
    keys.rememberRole('b1', { role: 'viewer' });
    expect(keys.getBoardKeys('b1')).toEqual({ viewerKey: 'view' });
    expect(keys.joinKey('b1')).toBe('view');
    expect(keys.assumedRole('b1')).toBe('viewer');
    // A member link opened later wins over it.
    keys.offerLinkKey('b1', 'acc');
    expect(keys.joinKey('b1')).toBe('acc');
    expect(keys.assumedRole('b1')).toBe('member');
  });
});
