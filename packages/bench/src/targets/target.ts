import type { ClientTarget } from '../load/clients/bench-client.js';
import type { HelperProcess } from '../metrics/process-sampler.js';
import type { LoadScenario } from '../scenarios.js';

export const TARGET_NAMES = ['tally', 'tally-2node', 'tutorial', 'floor'] as const;
export type TargetName = (typeof TARGET_NAMES)[number];

export interface TargetStartOptions {
  /** When set, the server runs with `--cpu-prof` and writes one profile per thread here when it exits. */
  cpuProfileDir: string | undefined;
}

/** A server under test, started fresh for each scenario so that memory and state start clean. */
export interface TargetDefinition {
  name: TargetName;
  /** One line saying what it is, for the report. */
  description: string;
  /** The scenarios it runs in; all when absent. */
  scenarios?: readonly LoadScenario['name'][];
  start(options: TargetStartOptions): Promise<RunningTarget>;
}

export interface RunningTarget {
  /** The server's processes (one per node); CPU and memory are their sum. */
  pids: number[];
  /** Processes it depends on (Redis), measured apart from the server. */
  helpers?: HelperProcess[];
  baseUrl: string;
  /** How load clients reach its counter. */
  client: ClientTarget;
  /** The server's own figures (Prometheus text of GET /metrics), for those that expose them (one node's when several). */
  metrics?(): Promise<Map<string, number>>;
  /** SIGTERM, then SIGKILL after a grace period; says which ended it. */
  stop(): Promise<'exited' | 'killed'>;
}

export function cpuProfileArgs({ cpuProfileDir }: TargetStartOptions): string[] {
  return cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : [];
}

/** Writing a large profile at exit takes a while on a busy box: give a profiled server longer before SIGKILL. */
export function stopGraceMs({ cpuProfileDir }: TargetStartOptions): number {
  return cpuProfileDir ? 60_000 : 15_000;
}
