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
  mainThreadCpuSeconds: number;
  rssBytes: number;
  machineBusyTicks: number;
  machineTotalTicks: number;
  /** CPU seconds of the bench process itself (main thread and load workers). */
  benchCpuSeconds: number;
}

export interface WindowUsage {
  seconds: number;
  /** CPU seconds of the whole server process in the window, and the kernel's part of them. */
  serverCpuSeconds: number;
  serverSystemCpuSeconds: number;
  /** Average share of one core used by the server's main thread (1 = saturated). */
  serverMainThread: number;
  /** Highest share over any sampling interval in the window. */
  serverMainThreadPeak: number;
  /** Share of all the machine's cores that were busy (everything, not just the bench). */
  machineBusy: number;
  /** Cores used on average by everything but the server and the bench (other work on a shared box). */
  otherProcessesCores: number;
  peakRssBytes: number;
}

const SAMPLE_EVERY_MS = 250;

/** Samples a server's CPU and memory from /proc in the background, for per-phase figures. */
export class ProcessSampler {
  private readonly samples: ProcessSample[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pid: number) {
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
    const sample = {
      at: nowMs(),
      ...processCpuFields(processCpu(this.pid)),
      mainThreadCpuSeconds: mainThreadCpuSeconds(this.pid),
      rssBytes: residentBytes(this.pid),
      ...renameMachine(machineCpuTicks()),
      benchCpuSeconds: benchCpuSeconds(),
    };
    this.samples.push(sample);
    return sample;
  }

  usageBetween(from: ProcessSample, to: ProcessSample): WindowUsage {
    const inWindow = this.samples.filter((sample) => sample.at >= from.at && sample.at <= to.at);
    const average = mainThreadShare(from, to);
    let peak = average;
    for (let index = 1; index < inWindow.length; index++) {
      const previous = inWindow[index - 1];
      const current = inWindow[index];
      if (!previous || !current || current.at - previous.at < SAMPLE_EVERY_MS / 2) continue;
      peak = Math.max(peak, mainThreadShare(previous, current));
    }
    return {
      seconds: (to.at - from.at) / 1000,
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
          (to.benchCpuSeconds - from.benchCpuSeconds)) /
          ((to.at - from.at) / 1000),
      ),
    };
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

function processCpuFields({ user, system }: { user: number; system: number }) {
  return { processCpuSeconds: user + system, processSystemCpuSeconds: system };
}

function benchCpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

function mainThreadShare(from: ProcessSample, to: ProcessSample): number {
  const seconds = (to.at - from.at) / 1000;
  return seconds > 0 ? (to.mainThreadCpuSeconds - from.mainThreadCpuSeconds) / seconds : 0;
}

function renameMachine(ticks: {
  busy: number;
  total: number;
}): Pick<ProcessSample, 'machineBusyTicks' | 'machineTotalTicks'> {
  return { machineBusyTicks: ticks.busy, machineTotalTicks: ticks.total };
}
