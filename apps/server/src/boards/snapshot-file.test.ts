import { createHash } from 'node:crypto';
import { encode } from '@msgpack/msgpack';
import { type Counter, MAX_SAFE_VALUE, SNAPSHOT_MAX_BYTES } from '@tally/events';
import { describe, expect, it } from 'vitest';
import { decodeSnapshotFile, encodeSnapshotFile } from './snapshot-file.js';

const counter = (overrides: Partial<Counter> = {}): Counter => ({
  id: 'c1',
  boardId: 'b1',
  name: 'Door',
  value: 12,
  version: 40,
  min: 0,
  max: 250,
  step: 5,
  goal: 200,
  ...overrides,
});

/** A file of any body, with a right checksum: what another tool (or an attacker) could write. */
function fileOf(body: unknown, version = 1): Buffer {
  const content = Buffer.concat([Buffer.from('TALLYSNAP'), Buffer.from([version]), encode(body)]);
  return Buffer.concat([content, createHash('sha256').update(content).digest()]);
}

const refusal = (bytes: Uint8Array | ArrayBuffer) => {
  try {
    decodeSnapshotFile(bytes);
    return null;
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('snapshot file', () => {
  const file = encodeSnapshotFile(
    'Venue',
    [counter(), counter({ name: 'Big', value: -MAX_SAFE_VALUE, min: null, max: null, goal: null })],
    1_700_000_000_000,
  );

  it('round-trips counters with their settings, exactly up to ±(2^53 − 1), and nothing else', () => {
    expect(file.subarray(0, 10)).toEqual(Buffer.from([...Buffer.from('TALLYSNAP'), 1]));
    expect(decodeSnapshotFile(file)).toEqual({
      name: 'Venue',
      exportedAt: 1_700_000_000_000,
      counters: [
        { name: 'Door', value: 12, min: 0, max: 250, step: 5, goal: 200 },
        { name: 'Big', value: -MAX_SAFE_VALUE, min: null, max: null, step: 5, goal: null },
      ],
    });
    // An ArrayBuffer (what a browser sends) reads the same.
    const copy = new Uint8Array(file).buffer;
    expect(decodeSnapshotFile(copy).counters).toHaveLength(2);
  });

  it('refuses every truncation and every flipped bit', () => {
    for (let length = 0; length < file.length; length++)
      expect(refusal(file.subarray(0, length))).toBe('invalid_payload');
    for (let bit = 0; bit < file.length * 8; bit++) {
      const damaged = Buffer.from(file);
      damaged[bit >> 3] = (damaged[bit >> 3] as number) ^ (1 << (bit & 7));
      expect(refusal(damaged)).toBe('invalid_payload');
    }
  });

  it('refuses a future format version, a foreign file and one past 1 MB', () => {
    expect(refusal(fileOf({ name: 'V', exportedAt: 0, counters: [] }, 2))).toBe('invalid_payload');
    expect(refusal(Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'))).toBe('invalid_payload');
    expect(refusal(new Uint8Array(SNAPSHOT_MAX_BYTES + 1))).toBe('invalid_payload');
  });

  it('refuses well-made files whose body is not a valid board', () => {
    const ok = { name: 'V', exportedAt: 0, counters: [] };
    const door = { name: 'Door', value: 1, min: null, max: null, step: 1, goal: null };
    expect(refusal(fileOf(ok))).toBeNull();
    for (const body of [
      { ...ok, extra: true },
      { ...ok, counters: [{ ...door, value: 2 ** 53 }] },
      { ...ok, counters: [{ ...door, min: 5, max: 4 }] },
      { ...ok, counters: [{ ...door, min: 5 }] },
      { ...ok, counters: [{ ...door, step: 0 }] },
      { ...ok, counters: [{ ...door, name: ' ' }] },
      { ...ok, counters: Array.from({ length: 201 }, () => door) },
      [ok],
      'TALLY',
    ]) {
      expect(refusal(fileOf(body))).toBe('invalid_payload');
    }
  });
});
