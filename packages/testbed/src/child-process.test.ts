import { describe, expect, it } from 'vitest';
import { spawnProcess, waitUntilReady } from './child-process.js';

/** A Node child running `code`, owned by the testbed. */
function node(code: string) {
  return spawnProcess({ name: 'child', args: ['-e', code], cwd: process.cwd(), env: process.env });
}

describe('spawnProcess', () => {
  it('ends a process that ignores SIGTERM with SIGKILL once the grace has passed, and says so', async () => {
    const child = node(
      "process.on('SIGTERM', () => console.log('ignored')); console.log('up'); setInterval(() => {}, 1000);",
    );
    await waitUntilReady(child, 'child', async () => child.output().includes('up'));

    expect(await child.stop(200)).toBe('killed');
    expect(child.running).toBe(false);
    expect(await child.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(child.output()).toContain('ignored');
  });

  it('lets a process that heeds SIGTERM exit by itself', async () => {
    const child = node(
      "process.on('SIGTERM', () => process.exit(0)); console.log('up'); setInterval(() => {}, 1000);",
    );
    await waitUntilReady(child, 'child', async () => child.output().includes('up'));

    expect(await child.stop(10_000)).toBe('exited');
    expect(await child.exited).toEqual({ code: 0, signal: null });
  });

  it('fails a start with the exit and the last output when the process dies before it is ready', async () => {
    const child = node("console.error('no config here'); process.exit(3);");

    await expect(waitUntilReady(child, 'child', async () => false)).rejects.toThrow(
      /child exited during start-up \(code 3, signal null\):\nno config here/,
    );
  });

  it('stops a process that never gets ready, and quotes what it wrote', async () => {
    const child = node("console.log('still warming up'); setInterval(() => {}, 1000);");

    await expect(waitUntilReady(child, 'child', async () => false, 300)).rejects.toThrow(
      /child was not ready within 300 ms:\nstill warming up/,
    );
    expect(child.running).toBe(false);
  });
});
