import type { FeedLine } from './activity-log';

/** Someone the feed can be narrowed to: a member (by clientId), or an HTTP caller (by name). */
export interface FeedPerson {
  key: string;
  name: string;
  clientId: string | null;
  /** The name as the filter lists it: a second "Ana" is "Ana (2)". */
  label: string;
}

/** The filter's key of a person: their member id, or their name when they have none. */
function personKey(clientId: string | null, name: string): string {
  return clientId === null ? `name:${name}` : `member:${clientId}`;
}

/**
 * Everyone the filter offers, by name: who made the loaded lines and who is on the board now.
 * Joined/left lines name nobody by id; they are matched by name (see linesOf).
 */
export function feedPeople(
  lines: readonly FeedLine[],
  members: readonly { clientId: string; name: string }[],
): FeedPerson[] {
  const byKey = new Map<string, { key: string; name: string; clientId: string | null }>();
  const add = (clientId: string | null, name: string) => {
    const key = personKey(clientId, name);
    if (!byKey.has(key)) byKey.set(key, { key, name, clientId });
  };
  for (const member of members) add(member.clientId, member.name);
  for (const line of lines) if (line.actorId !== null) add(line.actorId, line.who);
  const memberNames = new Set([...byKey.values()].map((person) => person.name));
  for (const line of lines) {
    if (line.actorId !== null) continue;
    // A joined/left line under a member's name is theirs; an HTTP caller is listed by name.
    if ((line.kind === 'joined' || line.kind === 'left') && memberNames.has(line.who)) continue;
    add(null, line.who);
  }
  const people = [...byKey.values()].sort(
    (a, b) => a.name.localeCompare(b.name) || a.key.localeCompare(b.key),
  );
  const seen = new Map<string, number>();
  return people.map((person) => {
    const count = (seen.get(person.name) ?? 0) + 1;
    seen.set(person.name, count);
    return { ...person, label: count === 1 ? person.name : `${person.name} (${count})` };
  });
}

/**
 * The lines of one person: their changes by id (or by name for an HTTP caller), and the
 * joined/left lines under their name.
 */
export function linesOf(lines: readonly FeedLine[], person: FeedPerson): FeedLine[] {
  return lines.filter((line) =>
    line.actorId !== null
      ? line.actorId === person.clientId
      : line.who === person.name &&
        (person.clientId === null || line.kind === 'joined' || line.kind === 'left'),
  );
}
