import type { ClientTarget } from '../load/clients/bench-client.js';

export const TARGET_NAMES = ['tally', 'tutorial', 'floor'] as const;
export type TargetName = (typeof TARGET_NAMES)[number];

export interface TargetStartOptions {
  /** When set, the server runs with `--cpu-prof` and writes its profile here on exit. */
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
  stop(): Promise<void>;
}

export function cpuProfileArgs(options: TargetStartOptions, name: string): string[] {
  return options.cpuProfileDir
    ? [
        '--cpu-prof',
        `--cpu-prof-dir=${options.cpuProfileDir}`,
        `--cpu-prof-name=${name}-${Date.now()}.cpuprofile`,
      ]
    : [];
}
