import type { BoardSnapshot, Member } from '@tally/events';

/**
 * A board's presence as the cache holds it: the listed members (in summary mode only the first
 * PRESENCE_SUMMARY_LIMIT, in arrival order) and how many are on the board, listed or not.
 */
export type BoardPresence = Pick<BoardSnapshot, 'members' | 'memberCount'>;

/** Everyone on the board, listed or not (a snapshot without a count lists them all). */
export function memberTotal(presence: BoardPresence): number {
  return Math.max(presence.memberCount ?? presence.members.length, presence.members.length);
}

/** Whether the list names every member (so someone missing from it is not on the board). */
export function listsEveryone(presence: BoardPresence): boolean {
  return memberTotal(presence) === presence.members.length;
}

/** What the members panel shows. */
export interface PresenceRoster {
  /** The members named, this user first. */
  shown: readonly Member[];
  /** Everyone on the board. */
  total: number;
  /** Members on the board who are not named. */
  more: number;
}

/**
 * Who to name: the listed members, this user first. A user who is not listed on a board with
 * unlisted members is one of those (joined past the first PRESENCE_SUMMARY_LIMIT), and still
 * sees themselves; `self` is undefined before the server's `hello` named them.
 */
export function presenceRoster(presence: BoardPresence, self: Member | undefined): PresenceRoster {
  const { members } = presence;
  const total = memberTotal(presence);
  const listedSelf = self && members.find((member) => member.clientId === self.clientId);
  let shown: readonly Member[];
  if (listedSelf !== undefined) shown = [listedSelf, ...members.filter((member) => member !== listedSelf)];
  else if (self !== undefined && total > members.length) shown = [self, ...members];
  else shown = members;
  return { shown, total, more: Math.max(total - shown.length, 0) };
}

/** A member pointing at a counter; `name` is undefined for one the list does not name. */
export interface Pointer {
  clientId: string;
  name: string | undefined;
}

/**
 * The other members' pointers per counter. A pointer from someone not listed belongs to an
 * unlisted member when the board has some (drawn without a name); when the list names everyone,
 * its member is gone or not listed yet, and it is not drawn.
 */
export function pointersByCounter(
  focusByClient: ReadonlyMap<string, string>,
  presence: BoardPresence,
  selfId: string,
): Map<string, Pointer[]> {
  const names = new Map(presence.members.map((member) => [member.clientId, member.name]));
  const unlistedOnBoard = !listsEveryone(presence);
  const byCounter = new Map<string, Pointer[]>();
  for (const [clientId, counterId] of focusByClient) {
    if (clientId === selfId) continue;
    const name = names.get(clientId);
    if (name === undefined && !unlistedOnBoard) continue;
    byCounter.set(counterId, [...(byCounter.get(counterId) ?? []), { clientId, name }]);
  }
  return byCounter;
}

/**
 * The pointers without those of members who left: listed before, not now. (Arrival order keeps
 * a listed member listed while they stay; the departure of one never listed cannot be seen.)
 * The same map when nobody left.
 */
export function withoutDeparted(
  focusByClient: ReadonlyMap<string, string>,
  before: readonly Member[],
  after: readonly Member[],
): ReadonlyMap<string, string> {
  const still = new Set(after.map((member) => member.clientId));
  const gone = before.filter((member) => !still.has(member.clientId) && focusByClient.has(member.clientId));
  if (gone.length === 0) return focusByClient;
  const next = new Map(focusByClient);
  for (const member of gone) next.delete(member.clientId);
  return next;
}
