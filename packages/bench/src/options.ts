import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { SCENARIO_NAMES, type ScenarioName } from './scenarios.js';
import { TARGET_NAMES, type TargetName } from './targets/target.js';

export interface BenchOptions {
  scenarios: ScenarioName[];
  targets: TargetName[];
  smoke: boolean;
  durationMs: number;
  /** How long after the load every client may take to reach the final value before it counts as missing. */
  drainTimeoutMs: number;
  settleTimeoutMs: number;
  /** Per client, and for the whole connect phase of a scenario. */
  connectTimeoutMs: number;
  connectBudgetMs: number;
  workers: number;
  cpuProfile: boolean;
}

export const USAGE = `pnpm bench [options]
  --scenario <name>  fanout | contention | burst | capacity | browser (repeatable; default: all)
  --target <name>    tally | tally-2node | tutorial | floor (repeatable; default: all;
                     tally-2node: two nodes on Redis behind nginx, fanout and contention only,
                     not in --smoke unless named)
  --duration <s>     load phase of each scenario in seconds (default 10; smoke 0.5)
  --workers <n>      load-generator threads (default: cores, at least 2)
  --smoke            tiny loads (50 clients), 0.5 s each: proves the bench runs, judges nothing
  --cpu-prof         run every server with --cpu-prof; profiles go to bench-results/profiles/
  --help`;

/** Starting Redis, two nodes and nginx twice would double the smoke's time: it runs when asked for. */
const SMOKE_TARGET_NAMES = TARGET_NAMES.filter((name) => name !== 'tally-2node');

export function parseOptions(argv: string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      scenario: { type: 'string', multiple: true },
      target: { type: 'string', multiple: true },
      duration: { type: 'string' },
      workers: { type: 'string' },
      smoke: { type: 'boolean', default: false },
      'cpu-prof': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return 'help';
  const smoke = values.smoke ?? false;
  const durationMs = positiveNumber(values.duration ?? (smoke ? '0.5' : '10'), '--duration') * 1000;
  return {
    scenarios: oneOf(values.scenario, SCENARIO_NAMES, '--scenario'),
    targets: oneOf(values.target, TARGET_NAMES, '--target', smoke ? SMOKE_TARGET_NAMES : TARGET_NAMES),
    smoke,
    durationMs,
    drainTimeoutMs: smoke ? 3_000 : Math.max(10_000, 2 * durationMs),
    settleTimeoutMs: smoke ? 1_000 : 30_000,
    connectTimeoutMs: smoke ? 5_000 : 30_000,
    connectBudgetMs: smoke ? 10_000 : 120_000,
    workers: values.workers
      ? positiveNumber(values.workers, '--workers')
      : Math.max(2, availableParallelism()),
    cpuProfile: values['cpu-prof'] ?? false,
  };
}

function oneOf<T extends string>(
  given: string[] | undefined,
  allowed: readonly T[],
  flag: string,
  byDefault: readonly T[] = allowed,
): T[] {
  if (!given || given.length === 0) return [...byDefault];
  for (const name of given) {
    if (!(allowed as readonly string[]).includes(name)) {
      throw new Error(`${flag} ${name}: expected one of ${allowed.join(', ')}`);
    }
  }
  return allowed.filter((name) => given.includes(name));
}

function positiveNumber(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${flag} ${text}: expected a positive number`);
  return value;
}
