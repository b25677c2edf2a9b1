import type { ActivityEntry } from '@tally/events';
import { describe, expect, it } from 'vitest';
import { activityCsvLines, activityCsvRow, csvTextCell } from './activity-csv.js';

const entry = (overrides: Partial<ActivityEntry> = {}): ActivityEntry => ({
  id: '1',
  at: Date.UTC(2030, 0, 2, 3, 4, 5, 6),
  kind: 'increment',
  counterId: 'c1',
  counterName: 'Door',
  by: 2,
  value: 7,
  actor: { clientId: 'ana-client', name: 'Ana' },
  ...overrides,
});

describe('activity CSV', () => {
  it('writes ISO 8601 UTC times, plain numbers and empty cells where a kind has no by or value', () => {
    expect(activityCsvRow(entry({ by: -5, value: -3 }))).toBe(
      '2030-01-02T03:04:05.006Z,Door,increment,-5,-3,Ana',
    );
    expect(activityCsvRow(entry({ kind: 'counter_renamed', by: undefined, value: undefined }))).toBe(
      '2030-01-02T03:04:05.006Z,Door,counter_renamed,,,Ana',
    );
  });

  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+cmd', "'+cmd"],
    ['-x', "'-x"],
    ['@x', "'@x"],
    ['\tx', "'\tx"],
    ['\rx', `"'\rx"`],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=1,"2"', `"'=1,""2"""`],
    ['plain', 'plain'],
  ])('makes the text cell %j safe: %j', (text, cell) => {
    expect(csvTextCell(text)).toBe(cell);
  });

  it('starts with the header row and ends every line with CRLF', async () => {
    async function* pages() {
      yield [entry()];
      yield [];
      yield [entry({ id: '2', actor: { clientId: null, name: 'HTTP API' } })];
    }
    let text = '';
    for await (const chunk of activityCsvLines(pages())) text += chunk;
    expect(text.split('\r\n')).toEqual([
      'at,counter,kind,by,value,actor',
      '2030-01-02T03:04:05.006Z,Door,increment,2,7,Ana',
      '2030-01-02T03:04:05.006Z,Door,increment,2,7,HTTP API',
      '',
    ]);
  });
});
