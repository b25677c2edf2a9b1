import { type ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

const OUTPUT_LINES_KEPT = 40;
const live = new Set<ChildProcess>();

// Last resort: whatever way the bench ends, no server it started outlives it.
process.on('exit', () => {
  for (const child of live) if (child.pid !== undefined) killQuietly(child.pid, 'SIGKILL');
});

export interface ChildServer {
  readonly pid: number;
  /** False once the process has exited. */
  readonly running: boolean;
  /** The last lines the process wrote (stdout and stderr), to explain a failure. */
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`; says which it took. */
  stop(graceMs: number): Promise<'exited' | 'killed'>;
}

export interface SpawnServerOptions {
  name: string;
  /** The executable; this Node by default (redis-server and nginx are the others). */
  command?: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** Starts a process whose output is kept, not printed, and which is killed by PID on exit. */
export function spawnServer(options: SpawnServerOptions): ChildServer {
  const child = spawn(options.command ?? process.execPath, options.args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${options.name}: could not start ${options.args.join(' ')}`);
  live.add(child);
  const lines: string[] = [];
  const keep = (chunk: Buffer): void => {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - OUTPUT_LINES_KEPT));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  exited.then(() => live.delete(child));

  return {
    pid,
    get running() {
      return child.exitCode === null && child.signalCode === null;
    },
    output: () => lines.join('\n'),
    async stop(graceMs) {
      if (!this.running) return 'exited';
      killQuietly(pid, 'SIGTERM');
      const timedOut = await Promise.race([exited.then(() => false), sleep(graceMs).then(() => true)]);
      if (!timedOut) return 'exited';
      killQuietly(pid, 'SIGKILL');
      await exited;
      return 'killed';
    },
  };
}

/** Resolves once `ready()` is true; fails early if the process exits, or after `timeoutMs`. */
export async function waitUntilReady(
  server: ChildServer,
  name: string,
  ready: () => Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!server.running) throw new Error(`${name} exited during start-up:\n${server.output()}`);
    if (await ready().catch(() => false)) return;
    await sleep(50);
  }
  throw new Error(`${name} was not ready within ${timeoutMs} ms:\n${server.output()}`);
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
