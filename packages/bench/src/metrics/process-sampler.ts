import { nowMs } from '../load/clock.js';
import {
  machineCpuTicks,
  mainThreadCpuSeconds,
  processCpu,
  residentBytes,
  TICKS_PER_SECOND,
} from './proc-stats.js';

export interface ProcessSample {
  at: number;
  processCpuSeconds: number;
  processSystemCpuSeconds: number;
  /** One per server process, in the order of its pids. */
  mainThreadCpuSeconds: number[];
  rssBytes: number;
  /** CPU seconds of each helper process (Redis), by name. */
  helperCpuSeconds: Record<string, number>;
  machineBusyTicks: number;
  machineTotalTicks: number;
  /** CPU seconds of the bench process itself (main thread and load workers). */
  benchCpuSeconds: number;
}

export interface WindowUsage {
  seconds: number;
  /** CPU seconds of the whole server (summed over its processes) in the window, and the kernel's part of them. */
  serverCpuSeconds: number;
  serverSystemCpuSeconds: number;
  /** Average share of one core used by the server's busiest main thread (1 = saturated). */
  serverMainThread: number;
  /** Highest share over any sampling interval in the window. */
  serverMainThreadPeak: number;
  /** Share of all the machine's cores that were busy (everything, not just the bench). */
  machineBusy: number;
  /** Cores used on average by everything but the server, its helpers and the bench (other work on a shared box). */
  otherProcessesCores: number;
  /** Cores used on average by each helper process (Redis), by name. */
  helperCores: Record<string, number>;
  peakRssBytes: number;
}

/** A process the server needs but that is not the server (Redis): its CPU is reported on its own. */
export interface HelperProcess {
  name: string;
  pid: number;
}

const SAMPLE_EVERY_MS = 250;

/**
 * Samples a server's CPU and memory from /proc in the background, for per-phase figures. A server
 * of several processes (nodes) counts as their sum; its main thread figure is the busiest node's.
 */
export class ProcessSampler {
  private readonly samples: ProcessSample[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pids: readonly number[],
    private readonly helpers: readonly HelperProcess[] = [],
  ) {
    this.sample();
    this.timer = setInterval(() => {
      try {
        this.sample();
      } catch {
        // The process is gone (a crash shows in the run's error); nothing left to sample.
        this.stop();
      }
    }, SAMPLE_EVERY_MS);
  }

  /** Takes a sample now (phase boundaries) and returns it. */
  sample(): ProcessSample {
    const cpu = this.pids.map(processCpu);
    const sample = {
      at: nowMs(),
      processCpuSeconds: sum(cpu.map(({ user, system }) => user + system)),
      processSystemCpuSeconds: sum(cpu.map(({ system }) => system)),
      mainThreadCpuSeconds: this.pids.map(mainThreadCpuSeconds),
      rssBytes: sum(this.pids.map(residentBytes)),
      helperCpuSeconds: Object.fromEntries(
        this.helpers.map(({ name, pid }) => {
          const { user, system } = processCpu(pid);
          return [name, user + system];
        }),
      ),
      ...renameMachine(machineCpuTicks()),
      benchCpuSeconds: benchCpuSeconds(),
    };
    this.samples.push(sample);
    return sample;
  }

  usageBetween(from: ProcessSample, to: ProcessSample): WindowUsage {
    const inWindow = this.samples.filter((sample) => sample.at >= from.at && sample.at <= to.at);
    const average = busiestMainThreadShare(from, to);
    let peak = average;
    for (let index = 1; index < inWindow.length; index++) {
      const previous = inWindow[index - 1];
      const current = inWindow[index];
      if (!previous || !current || current.at - previous.at < SAMPLE_EVERY_MS / 2) continue;
      peak = Math.max(peak, busiestMainThreadShare(previous, current));
    }
    const seconds = (to.at - from.at) / 1000;
    const helperSeconds = (name: string): number =>
      (to.helperCpuSeconds[name] ?? 0) - (from.helperCpuSeconds[name] ?? 0);
    return {
      seconds,
      serverCpuSeconds: to.processCpuSeconds - from.processCpuSeconds,
      serverSystemCpuSeconds: to.processSystemCpuSeconds - from.processSystemCpuSeconds,
      serverMainThread: average,
      serverMainThreadPeak: peak,
      machineBusy:
        (to.machineBusyTicks - from.machineBusyTicks) / (to.machineTotalTicks - from.machineTotalTicks || 1),
      peakRssBytes: Math.max(...inWindow.map((sample) => sample.rssBytes)),
      otherProcessesCores: Math.max(
        0,
        ((to.machineBusyTicks - from.machineBusyTicks) / TICKS_PER_SECOND -
          (to.processCpuSeconds - from.processCpuSeconds) -
          (to.benchCpuSeconds - from.benchCpuSeconds) -
          sum(this.helpers.map(({ name }) => helperSeconds(name)))) /
          seconds,
      ),
      helperCores: Object.fromEntries(
        this.helpers.map(({ name }) => [name, seconds > 0 ? helperSeconds(name) / seconds : 0]),
      ),
    };
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function benchCpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** The share of one core used by the busiest server main thread between two samples (0–1). */
export function busiestMainThreadShare(from: ProcessSample, to: ProcessSample): number {
  const seconds = (to.at - from.at) / 1000;
  if (seconds <= 0) return 0;
  return Math.max(
    0,
    ...to.mainThreadCpuSeconds.map(
      (cpu, index) => (cpu - (from.mainThreadCpuSeconds[index] ?? cpu)) / seconds,
    ),
  );
}

function renameMachine(ticks: {
  busy: number;
  total: number;
}): Pick<ProcessSample, 'machineBusyTicks' | 'machineTotalTicks'> {
  return { machineBusyTicks: ticks.busy, machineTotalTicks: ticks.total };
}
