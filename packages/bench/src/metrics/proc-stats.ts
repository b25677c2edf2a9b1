import { readFileSync } from 'node:fs';

/** /proc reports CPU time in USER_HZ ticks, which Linux fixes at 100 per second for user space. */
export const TICKS_PER_SECOND = 100;

/** User and system CPU seconds from a /proc/.../stat line; the command name may hold spaces. */
function cpuOfStat(path: string): { user: number; system: number } {
  const text = readFileSync(path, 'utf8');
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 of stat (utime, stime) are 11 and 12 after the ") ".
  return { user: Number(fields[11]) / TICKS_PER_SECOND, system: Number(fields[12]) / TICKS_PER_SECOND };
}

function cpuSecondsOfStat(path: string): number {
  const { user, system } = cpuOfStat(path);
  return user + system;
}

/**
 * All threads of the process (the JS thread, GC helpers, libuv's pool, SQLite work); system time is
 * the kernel working for it (socket writes, fsync), user time its own code.
 */
export function processCpu(pid: number): { user: number; system: number } {
  return cpuOfStat(`/proc/${pid}/stat`);
}

/** The main thread only (its thread id is the pid): the event loop, which is what saturates. */
export function mainThreadCpuSeconds(pid: number): number {
  return cpuSecondsOfStat(`/proc/${pid}/task/${pid}/stat`);
}

/** The calling thread only (a worker thread reads its own figure through /proc/thread-self). */
export function currentThreadCpuSeconds(): number {
  return cpuSecondsOfStat('/proc/thread-self/stat');
}

export function residentBytes(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : Number.NaN;
}

/** Whole-machine CPU ticks, busy and total, from the first line of /proc/stat. */
export function machineCpuTicks(): { busy: number; total: number } {
  const [, ...values] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/);
  const ticks = values.map(Number);
  const total = ticks.reduce((sum, tick) => sum + tick, 0);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return { busy: total - idle, total };
}
