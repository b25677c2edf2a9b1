import { describe, expect, it } from 'vitest';
import { boardNameFromFile, snapshotFileName } from './snapshot-file';

describe('snapshot files', () => {
  it('names the download after the board, without characters file systems refuse', () => {
    expect(snapshotFileName('Team votes')).toBe('Team votes.tally');
    expect(snapshotFileName('a/b: c?')).toBe('a_b_ c_.tally');
    expect(snapshotFileName(' .. ')).toBe('board.tally');
  });

  it('proposes the file’s name for the imported board', () => {
    expect(boardNameFromFile('Team votes.tally')).toBe('Team votes');
    expect(boardNameFromFile('backup.TALLY')).toBe('backup');
    expect(boardNameFromFile('x'.repeat(80))).toHaveLength(64);
  });
});
