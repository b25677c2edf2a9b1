import { describe, expect, it } from 'vitest';
import type { BoardRecord } from '../store/store.js';
import { roleForKey } from './board-access.js';
import { generateBoardKey, hashBoardKey, keyMatchesHash } from './board-keys.js';

const ADMIN = 'operator-admin-key-0123456789';
const VIEWER = generateBoardKey();
const ownerKey = generateBoardKey();
const accessKey = generateBoardKey();
const board = (visibility: 'public' | 'private', keys = true): BoardRecord => ({
  id: 'b',
  name: 'B',
  visibility,
  ownerKeyHash: keys ? hashBoardKey(ownerKey) : null,
  accessKeyHash: visibility === 'private' ? hashBoardKey(accessKey) : null,
  createdAt: 0,
});

describe('board keys', () => {
  it('are ≥ 128 random bits, URL-safe, and never equal to their hash', () => {
    expect(ownerKey).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(generateBoardKey()).not.toBe(ownerKey);
    expect(hashBoardKey(ownerKey)).toMatch(/^[0-9a-f]{64}$/);
    expect(keyMatchesHash(ownerKey, hashBoardKey(ownerKey))).toBe(true);
    expect(keyMatchesHash(`${ownerKey}x`, hashBoardKey(ownerKey))).toBe(false);
    expect(keyMatchesHash(ownerKey, null)).toBe(false);
  });
});

describe('board access', () => {
  // authorize(), which reads the store, is covered by the integration tests.
  const access = {
    roleFor: (b: BoardRecord, key: string | undefined) => roleForKey(b, key, hashBoardKey(ADMIN), VIEWER),
  };

  it('on a public board: no key → member, owner key or ADMIN_KEY → owner, a wrong key → nothing', () => {
    expect(access.roleFor(board('public'), undefined)).toBe('member');
    expect(access.roleFor(board('public'), ownerKey)).toBe('owner');
    expect(access.roleFor(board('public'), ADMIN)).toBe('owner');
    expect(access.roleFor(board('public'), 'guess')).toBeNull();
  });

  it('on a private board: the access key → member; no key or a wrong one → nothing', () => {
    expect(access.roleFor(board('private'), undefined)).toBeNull();
    expect(access.roleFor(board('private'), accessKey)).toBe('member');
    expect(access.roleFor(board('private'), ownerKey)).toBe('owner');
    expect(access.roleFor(board('private'), 'guess')).toBeNull();
  });

  it('gives the ownerless lobby an owner only through ADMIN_KEY, and none without one', () => {
    expect(access.roleFor(board('public', false), ADMIN)).toBe('owner');
    expect(roleForKey(board('public', false), ADMIN, null, VIEWER)).toBeNull();
  });

  it('gives viewer for the viewer key, on public and private boards alike', () => {
    expect(access.roleFor(board('public'), VIEWER)).toBe('viewer');
    expect(access.roleFor(board('private'), VIEWER)).toBe('viewer');
    expect(access.roleFor(board('private'), `${VIEWER}x`)).toBeNull();
  });
});
