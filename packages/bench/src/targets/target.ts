import type { ClientTarget } from '../load/clients/bench-client.js';

export const TARGET_NAMES = ['tally', 'tutorial', 'floor'] as const;
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
  start(options: TargetStartOptions): Promise<RunningTarget>;
}

export interface RunningTarget {
  pid: number;
  baseUrl: string;
  /** How load clients reach its counter. */
  client: ClientTarget;
  /** The server's own figures (Prometheus text of GET /metrics), for those that expose them. */
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
