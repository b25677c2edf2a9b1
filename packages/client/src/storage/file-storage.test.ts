import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileStorage } from './file-storage.js';

describe('fileStorage', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tally-file-storage-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a missing file as empty, and creates it (and its folder) on the first write', async () => {
    const path = join(dir, 'nested', 'bot.json');
    const storage = fileStorage(path);
    expect(storage.kind).toBe('file');
    expect(await storage.get('identity')).toBeUndefined();
    await storage.set('identity', { clientId: 'abcdefgh', memberToken: 't' });
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({
      identity: { clientId: 'abcdefgh', memberToken: 't' },
    });
  });

  it('keeps every key in the one file, for the next run to read', async () => {
    const path = join(dir, 'bot.json');
    const storage = fileStorage(path);
    await storage.set('identity', { clientId: 'abcdefgh', memberToken: 't' });
    await storage.set('names', { chosen: 'Bot', guest: '' });
    await storage.delete('identity');
    const nextRun = fileStorage(path);
    expect(await nextRun.get('names')).toEqual({ chosen: 'Bot', guest: '' });
    expect(await nextRun.get('identity')).toBeUndefined();
  });

  it('runs calls in turn: concurrent updates all land, and no temporary file is left', async () => {
    const path = join(dir, 'bot.json');
    const storage = fileStorage(path);
    const append = (n: number) =>
      storage.update('list', (current) => [...((current as number[] | undefined) ?? []), n]);
    const [, , last] = await Promise.all([append(1), append(2), append(3), storage.set('other', true)]);
    expect(last).toEqual([1, 2, 3]);
    expect(await storage.get('list')).toEqual([1, 2, 3]);
    expect(await storage.get('other')).toBe(true);
    expect(await readdir(dir)).toEqual(['bot.json']);
  });

  it('stores what the value was when set was called', async () => {
    const storage = fileStorage(join(dir, 'bot.json'));
    const names = { chosen: 'Bot' };
    const written = storage.set('names', names);
    names.chosen = 'Changed';
    await written;
    expect(await storage.get('names')).toEqual({ chosen: 'Bot' });
  });

  it('rejects on a file that is not a JSON object, and leaves it as it is', async () => {
    const path = join(dir, 'bot.json');
    await writeFile(path, '{ not json');
    const storage = fileStorage(path);
    await expect(storage.get('names')).rejects.toThrow();
    await expect(storage.set('names', {})).rejects.toThrow();
    await writeFile(path, '[1, 2]');
    await expect(storage.update('names', () => ({}))).rejects.toThrow('does not hold a JSON object');
    expect(await readFile(path, 'utf8')).toBe('[1, 2]');
  });
});
