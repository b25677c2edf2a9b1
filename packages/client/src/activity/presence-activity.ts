import { type BoardPresence, listsEveryone } from '../presence/board-presence.js';
import type { PresenceEvent } from './live-activity.js';

/**
 * "Ana joined" / "Ana left" from two successive states of a board's presence. Only while both
 * lists name everyone: past the first names, someone new in the list may just have moved up as
 * an earlier member left, and who came or went beyond it is unknown. This user's own arrival is
 * no news to them.
 */
export function presenceActivity(
  before: BoardPresence,
  after: BoardPresence,
  selfId: string,
): PresenceEvent[] {
  if (before.members === after.members || !listsEveryone(before) || !listsEveryone(after)) return [];
  const was = new Set(before.members.map((member) => member.clientId));
  const is = new Set(after.members.map((member) => member.clientId));
  const events: PresenceEvent[] = [];
  for (const member of after.members) {
    if (!was.has(member.clientId) && member.clientId !== selfId)
      events.push({ kind: 'joined', name: member.name });
  }
  for (const member of before.members) {
    if (!is.has(member.clientId) && member.clientId !== selfId)
      events.push({ kind: 'left', name: member.name });
  }
  return events;
}
