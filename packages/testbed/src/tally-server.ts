import { existsSync } from 'node:fs';
import { DEFAULT_STOP_GRACE_MS, type OwnedProcess, spawnProcess, waitUntilReady } from './child-process.js';
import { freePort } from './free-port.js';
import { repoRoot, serverBuildEntry, serverDir, serverSourceEntry } from './paths.js';
import { makeTempDir, removeDir } from './temp-dir.js';

const STARTUP_TIMEOUT_MS = 30_000;

/**
 * Settings a developer's shell may hold that would change what a test runs against: a test's
 * server runs on the defaults (no operator key, the embedded store, the default origins, the
 * web build next to it) unless its own `env` says otherwise.
 */
const INHERITED_SETTINGS_DROPPED = ['ADMIN_KEY', 'REDIS_URL', 'ALLOWED_ORIGINS', 'WEB_DIST_DIR', 'NODE_ID'];

export interface TallyServerOptions {
  /**
   * `build`: the production build (`apps/server/dist/main.js`, as the e2e stories and the bench
   * run it; `pnpm build` first). `source`: `src/main.ts` through tsx, no build needed (the
   * server's and the client's tests).
   */
  entry: 'build' | 'source';
  /** Settings on top of the defaults; `undefined` removes one. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Default: a free port. A given port (and dataDir) is how a test brings a server back. */
  port?: number;
  /** Default: a new temp dir, removed by `dispose()`. A given one is left in place. */
  dataDir?: string;
  /** Node flags before the entry (e.g. `--cpu-prof`). */
  nodeArgs?: readonly string[];
  /** The path that answers 200 once the server serves: `/api/health` (default) or `/api/ready`. */
  readyPath?: '/api/health' | '/api/ready';
  /** Also called with each chunk of its output (e.g. to echo it into a test log). */
  onOutput?: (chunk: string) => void;
}

/** A real Tally server process on 127.0.0.1, owned by the test or bench that started it. */
export interface TallyServer {
  /** Where browsers and test clients reach it. */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** The PID of the running process (changes on restart). */
  readonly pid: number;
  readonly running: boolean;
  /** Resolves when the current process exits. */
  readonly exited: OwnedProcess['exited'];
  /** Everything the current process wrote, e.g. for a test that reads its logs. */
  output(): string;
  /** Sends a signal by PID and returns at once (SIGTERM to watch a drain, SIGSTOP to freeze it). */
  signal(signal: NodeJS.Signals): void;
  /** SIGTERM, then SIGKILL after `graceMs` (0: SIGKILL at once). Port and data stay for a restart. */
  stop(graceMs?: number): Promise<'exited' | 'killed'>;
  /** SIGKILL: no shutdown hook runs, like a power cut for the process. */
  kill(): Promise<void>;
  /** Stops the process and starts it again on the same port and DATA_DIR, as an operator would. */
  restart(options?: { graceMs?: number; whileDown?: () => Promise<void> }): Promise<void>;
  /** Stops the process and removes its data dir when the testbed made it. */
  dispose(graceMs?: number): Promise<'exited' | 'killed'>;
}

/** Starts a Tally server and resolves once it answers on `readyPath`; the error quotes its last output. */
export async function startTallyServer(options: TallyServerOptions): Promise<TallyServer> {
  if (options.entry === 'build' && !existsSync(serverBuildEntry)) {
    throw new Error(
      `${serverBuildEntry} is missing: build first (\`pnpm build\`, or \`pnpm test\` which builds).`,
    );
  }
  const port = options.port ?? (await freePort());
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await makeTempDir('tally-server'));
  const url = `http://127.0.0.1:${port}`;
  const name = `tally ${options.env?.NODE_ID ?? ''}:${port}`;

  const launch = async (): Promise<OwnedProcess> => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const setting of INHERITED_SETTINGS_DROPPED) delete env[setting];
    Object.assign(env, { HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
    for (const [key, value] of Object.entries(options.env ?? {})) {
      if (value === undefined) delete env[key];
      else env[key] = value;
    }
    const entryArgs = options.entry === 'build' ? [serverBuildEntry] : ['--import', 'tsx', serverSourceEntry];
    const child = spawnProcess({
      name,
      // tsx is resolved from the server's own dependencies.
      cwd: options.entry === 'build' ? repoRoot : serverDir,
      args: [...(options.nodeArgs ?? []), ...entryArgs],
      env,
      ...(options.onOutput && { onOutput: options.onOutput }),
    });
    const readyUrl = `${url}${options.readyPath ?? '/api/health'}`;
    await waitUntilReady(child, name, async () => (await fetch(readyUrl)).ok, STARTUP_TIMEOUT_MS);
    return child;
  };

  let child: OwnedProcess;
  try {
    child = await launch();
  } catch (error) {
    if (ownsDataDir) await removeDir(dataDir);
    throw error;
  }
  const stop = (graceMs = DEFAULT_STOP_GRACE_MS) => child.stop(graceMs);
  return {
    url,
    port,
    dataDir,
    get pid() {
      return child.pid;
    },
    get running() {
      return child.running;
    },
    get exited() {
      return child.exited;
    },
    output: () => child.output(),
    signal: (signal) => child.signal(signal),
    stop,
    async kill() {
      await child.stop(0);
    },
    async restart({ graceMs, whileDown } = {}) {
      await stop(graceMs);
      await whileDown?.();
      child = await launch();
    },
    async dispose(graceMs) {
      const ending = await stop(graceMs);
      if (ownsDataDir) await removeDir(dataDir);
      return ending;
    },
  };
}
