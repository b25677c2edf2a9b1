import { type ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** How many of the last lines a failure message quotes. */
const OUTPUT_LINES_QUOTED = 40;
/** The output kept per process: enough for a test to read its logs, bounded for long runs. */
const OUTPUT_CHARS_KEPT = 4_000_000;
/** How long `stop()` waits after SIGTERM before it sends SIGKILL. */
export const DEFAULT_STOP_GRACE_MS = 5_000;

const live = new Set<ChildProcess>();

// Last resort: whatever way the test run or the bench ends, no process it started outlives it.
process.on('exit', () => {
  for (const child of live) if (child.pid !== undefined) killQuietly(child.pid, 'SIGKILL');
});

/** How a process ended: its exit code, or the signal that ended it. */
export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A child process of the testbed, reachable by its PID until it exits. */
export interface OwnedProcess {
  readonly pid: number;
  /** False once the process has exited. */
  readonly running: boolean;
  /** Resolves when the process has exited. */
  readonly exited: Promise<ProcessExit>;
  /** Everything the process wrote (stdout and stderr), for tests that read its logs. */
  output(): string;
  /** What it wrote on stdout alone, and on stderr alone (a CLI's result and its errors). */
  stdout(): string;
  stderr(): string;
  /** The last lines of its output, to explain a failure. */
  outputTail(): string;
  /** Sends a signal by PID (SIGSTOP, SIGCONT, SIGTERM…) and returns at once. */
  signal(signal: NodeJS.Signals): void;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs` (0: SIGKILL at once); says which it took. */
  stop(graceMs?: number): Promise<'exited' | 'killed'>;
}

export interface SpawnProcessOptions {
  name: string;
  /** The executable; this Node by default (redis-server and nginx are the others). */
  command?: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Also called with each chunk of output, e.g. to echo a server's warnings into a test log. */
  onOutput?: (chunk: string) => void;
  /**
   * 'pipe' keeps the child's stdin open for as long as this process lives: a child that exits when
   * its stdin ends then goes with its parent even when the parent is SIGKILLed. Default 'ignore'.
   */
  stdin?: 'ignore' | 'pipe';
}

/** Starts a process whose output is kept, not printed, and which is killed by PID on exit. */
export function spawnProcess(options: SpawnProcessOptions): OwnedProcess {
  const child = spawn(options.command ?? process.execPath, options.args, {
    cwd: options.cwd,
    env: options.env,
    stdio: [options.stdin ?? 'ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${options.name}: could not start ${options.args.join(' ')}`);
  live.add(child);
  const kept = { output: '', stdout: '', stderr: '' };
  const keep = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
    const text = chunk.toString();
    kept.output = (kept.output + text).slice(-OUTPUT_CHARS_KEPT);
    kept[stream] = (kept[stream] + text).slice(-OUTPUT_CHARS_KEPT);
    options.onOutput?.(text);
  };
  child.stdout?.on('data', keep('stdout'));
  child.stderr?.on('data', keep('stderr'));
  const exited = new Promise<ProcessExit>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  exited.then(() => live.delete(child));

  return {
    pid,
    get running() {
      return child.exitCode === null && child.signalCode === null;
    },
    exited,
    output: () => kept.output,
    stdout: () => kept.stdout,
    stderr: () => kept.stderr,
    outputTail: () => kept.output.split('\n').filter(Boolean).slice(-OUTPUT_LINES_QUOTED).join('\n'),
    signal: (signal) => killQuietly(pid, signal),
    async stop(graceMs = DEFAULT_STOP_GRACE_MS) {
      if (!this.running) return 'exited';
      if (graceMs > 0) {
        killQuietly(pid, 'SIGTERM');
        const timedOut = await Promise.race([exited.then(() => false), sleep(graceMs).then(() => true)]);
        if (!timedOut) return 'exited';
      }
      // SIGKILL also ends a process a test left stopped (SIGSTOP).
      killQuietly(pid, 'SIGKILL');
      await exited;
      return 'killed';
    },
  };
}

/**
 * Resolves once `ready()` is true; fails early if the process exits, or after `timeoutMs`, then
 * with the process stopped and its last output in the error.
 */
export async function waitUntilReady(
  server: OwnedProcess,
  name: string,
  ready: () => Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!server.running) {
      const { code, signal } = await server.exited;
      throw new Error(
        `${name} exited during start-up (code ${code}, signal ${signal}):\n${server.outputTail()}`,
      );
    }
    if (await ready().catch(() => false)) return;
    // Polling a port that is not open yet: no event exists to wait for.
    await sleep(50);
  }
  await server.stop(0);
  throw new Error(`${name} was not ready within ${timeoutMs} ms:\n${server.outputTail()}`);
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
export function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function killQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}
