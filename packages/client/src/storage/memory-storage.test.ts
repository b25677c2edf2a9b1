import { describe, expect, it } from 'vitest';
import { memoryStorage } from './memory-storage.js';

describe('memoryStorage', () => {
  it('keeps values by key, undefined when there is none', async () => {
    const storage = memoryStorage();
    expect(storage.kind).toBe('memory');
    expect(await storage.get('names')).toBeUndefined();
    await storage.set('names', { chosen: 'Ada', guest: '' });
    expect(await storage.get('names')).toEqual({ chosen: 'Ada', guest: '' });
    await storage.delete('names');
    expect(await storage.get('names')).toBeUndefined();
  });

  it('stores copies: mutating what was stored, read or written by update changes nothing', async () => {
    const storage = memoryStorage();
    const value = { ops: [1] };
    await storage.set('queue', value);
    value.ops.push(2);
    const read = (await storage.get('queue')) as { ops: number[] };
    read.ops.push(3);
    const written = await storage.update('queue', (current) => current as { ops: number[] });
    written.ops.push(4);
    expect(await storage.get('queue')).toEqual({ ops: [1] });
  });

  it('update sees the current value and resolves with what it wrote; concurrent updates all apply', async () => {
    const storage = memoryStorage();
    const append = (n: number) =>
      storage.update('list', (current) => [...((current as number[] | undefined) ?? []), n]);
    const results = await Promise.all([append(1), append(2), append(3)]);
    expect(results).toEqual([[1], [1, 2], [1, 2, 3]]);
    expect(await storage.get('list')).toEqual([1, 2, 3]);
  });
});
