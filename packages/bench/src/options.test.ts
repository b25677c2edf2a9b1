import { describe, expect, it } from 'vitest';
import { parseOptions } from './options.js';

describe('parseOptions --target', () => {
  it('runs every target by default, the two-node one included', () => {
    expect(parseOptions([])).toMatchObject({ targets: ['tally', 'tally-2node', 'tutorial', 'floor'] });
  });

  it('leaves the two-node target out of a smoke run unless it is named', () => {
    expect(parseOptions(['--smoke'])).toMatchObject({ targets: ['tally', 'tutorial', 'floor'] });
    expect(parseOptions(['--smoke', '--target', 'tally-2node'])).toMatchObject({ targets: ['tally-2node'] });
  });

  it('refuses a target it does not know', () => {
    expect(() => parseOptions(['--target', 'tally-3node'])).toThrow(/--target tally-3node/);
  });
});
