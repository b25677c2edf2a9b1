// Preloaded into a node by src/measure/connect-storm.ts (NODE_OPTIONS=--import): on exit it prints
// the event loop's delay over the node's life to stderr, and with CPU_PROF_DIR it writes a V8
// CPU profile there (--cpu-prof is not allowed in NODE_OPTIONS, the inspector is).
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
const profileDir = process.env.CPU_PROF_DIR;
const session = profileDir ? new Session() : null;
if (session) {
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.start');
}
process.on('exit', () => {
  const ms = (ns) => (ns / 1e6).toFixed(0);
  process.stderr.write(
    `event loop delay p50 ${ms(delay.percentile(50))} ms, p99 ${ms(delay.percentile(99))} ms, max ${ms(delay.max)} ms\n`,
  );
  // An in-process inspector session answers synchronously, so this runs before the exit.
  session?.post('Profiler.stop', (error, result) => {
    if (!error)
      writeFileSync(
        `${profileDir}/${process.env.NODE_ID ?? 'node'}-${process.pid}.cpuprofile`,
        JSON.stringify(result.profile),
      );
  });
});
