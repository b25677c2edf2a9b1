import { type Role, TallyError } from '@tally/events';

/** What an action needs of the caller's role on a board: any role, one that may change it, or owner. */
export type RoleNeeded = 'reader' | 'writer' | 'owner';

/**
 * `forbidden` unless `role` is enough for what is asked, with the same words on the socket and over
 * HTTP: a viewer (v1.1) changes nothing, and owner actions are the owner's.
 */
export function requireRoleFor(role: Role, needed: RoleNeeded): void {
  if (needed === 'reader') return;
  if (role === 'viewer') throw viewOnlyRefusal();
  if (needed === 'owner' && role !== 'owner') {
    throw new TallyError('forbidden', 'only the board owner can do this');
  }
}

export function viewOnlyRefusal(): TallyError {
  return new TallyError('forbidden', 'this is a view-only link: it cannot change the board');
}
