import { describe, expect, it } from 'vitest';
import { sameTurnReads } from './same-turn-reads.js';

/** A read that records what it was asked and answers with a fresh object each time. */
function recordingRead() {
  const asked: string[] = [];
  const read = sameTurnReads(String, async (key: string) => {
    asked.push(key);
    return { key, read: asked.length };
  });
  return { asked, read };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('sameTurnReads', () => {
  it('shares one read among the callers of one turn, per key', async () => {
    const { asked, read } = recordingRead();
    const [a1, b, a2] = await Promise.all([read('a'), read('b'), read('a')]);
    expect(asked).toEqual(['a', 'b']);
    expect(a1).toBe(a2);
    expect(b).toEqual({ key: 'b', read: 2 });
  });

  it('gives a caller that asks after the read was sent a new read, not the one in flight', async () => {
    const { asked, read } = recordingRead();
    const first = read('a');
    await nextTurn();
    // The first read has been sent (not yet answered): a write made now is not in it.
    const second = read('a');
    expect(await first).not.toBe(await second);
    expect(asked).toEqual(['a', 'a']);
  });

  it('rejects every caller of a failed read, and reads again for the next one', async () => {
    let fail = true;
    const read = sameTurnReads(String, async (key: string) => {
      if (fail) throw new Error('unavailable');
      return key;
    });
    const results = await Promise.allSettled([read('a'), read('a')]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await expect(read('a')).resolves.toBe('a');
  });
});
