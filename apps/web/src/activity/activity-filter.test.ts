import { describe, expect, it } from 'vitest';
import { feedPeople, linesOf } from './activity-filter';
import type { FeedLine } from './activity-log';

let n = 0;
function line(who: string, actorId: string | null, kind: FeedLine['kind'] = 'increment'): FeedLine {
  n += 1;
  return { key: `k${n}`, at: n, kind, actorId, who, text: `${who} +1 on Count` };
}

describe('activity filter', () => {
  const ana = line('Ana', 'c-ana');
  const ben = line('Ben', 'c-ben');
  const bot = line('Door sensor', null);
  const anaJoined = line('Ana', null, 'joined');
  const cleoLeft = line('Cleo', null, 'left');
  const lines = [ana, ben, bot, anaJoined, cleoLeft];

  it('offers who acted and who is on the board, by name, each once', () => {
    const people = feedPeople(lines, [
      { clientId: 'c-ana', name: 'Ana' },
      { clientId: 'c-dan', name: 'Dan' },
    ]);
    expect(people.map((p) => p.label)).toEqual(['Ana', 'Ben', 'Cleo', 'Dan', 'Door sensor']);
  });

  it('tells two people of one name apart', () => {
    const people = feedPeople([ana, line('Ana', 'c-other')], []);
    expect(people.map((p) => p.label)).toEqual(['Ana', 'Ana (2)']);
  });

  it("keeps one member's lines, their comings and goings included", () => {
    const people = feedPeople(lines, []);
    const byLabel = (label: string) => people.find((p) => p.label === label);
    const anaPerson = byLabel('Ana');
    const botPerson = byLabel('Door sensor');
    if (anaPerson === undefined || botPerson === undefined) throw new Error('missing');
    expect(linesOf(lines, anaPerson)).toEqual([ana, anaJoined]);
    expect(linesOf(lines, botPerson)).toEqual([bot]);
    expect(linesOf(lines, people.find((p) => p.label === 'Ben') ?? anaPerson)).toEqual([ben]);
  });
});
