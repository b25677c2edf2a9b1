import type { ActivityEntry, ActivityKind } from '@tally/events';
import { TallyError } from '@tally/events';

/**
 * How an activity entry is kept in Redis: one member of the board's activity sorted set, scored
 * by the entry's id, written by the Lua scripts (redis-scripts.ts) and read here:
 *
 *     <id>|<at>|<kind code>|<counterId>|<by>|<value>|<actor clientId>|<actor name length>|<actor name><counter name>
 *
 * `by`, `value` and the clientId are empty when absent (HTTP actors have no clientId). The two
 * names are free text (they may hold `|`), so they come last: the actor name's length (in UTF-16
 * code units, counted by Node when it sends the name) says where the counter name starts. One
 * member per entry, with no repeated keys, keeps an entry near a hundred bytes.
 */

/** One character per kind, as the scripts write them. */
export const ACTIVITY_KIND_CODES = {
  increment: 'i',
  reset: 'r',
  undo: 'u',
  counter_created: 'c',
  counter_renamed: 'n',
  counter_configured: 's',
  counter_deleted: 'd',
} as const satisfies Record<ActivityKind, string>;

const KINDS_BY_CODE = new Map<string, ActivityKind>(
  Object.entries(ACTIVITY_KIND_CODES).map(([kind, code]) => [code, kind as ActivityKind]),
);

/** The `|`-separated fields before the names. */
const HEAD_FIELDS = 8;

export function decodeActivityEntry(member: string): ActivityEntry {
  const head: string[] = [];
  let start = 0;
  for (let field = 0; field < HEAD_FIELDS; field++) {
    const end = member.indexOf('|', start);
    if (end < 0) break;
    head.push(member.slice(start, end));
    start = end + 1;
  }
  const [id, at, code, counterId, by, value, clientId, nameLength] = head;
  const kind = KINDS_BY_CODE.get(code ?? '');
  if (nameLength === undefined || kind === undefined) {
    throw new TallyError('internal', 'the store failed');
  }
  const names = member.slice(start);
  const actorNameEnd = Number(nameLength);
  return {
    id: id as string,
    at: Number(at),
    kind,
    counterId: counterId as string,
    counterName: names.slice(actorNameEnd),
    ...(by ? { by: Number(by) } : {}),
    ...(value ? { value: Number(value) } : {}),
    actor: { clientId: clientId || null, name: names.slice(0, actorNameEnd) },
  };
}
