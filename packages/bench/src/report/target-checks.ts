import type { BrowserRunResult } from '../browser/browser-run-result.js';
import type { LoadRunResult } from '../load/run-load-scenario.js';
import type { TargetName } from '../targets/target.js';
import { count, fixed, kib, ms } from './format.js';

/** One of the targets: what it asks, what this run measured, whether it holds. */
export interface TargetCheck {
  target: string;
  figure: string;
  /** `undefined` when a scenario it needs did not run (or failed). */
  pass: boolean | undefined;
}

const INITIAL_JS_LIMIT_BYTES = 120 * 1024;

export function checkTargets(runs: LoadRunResult[], browser: BrowserRunResult | undefined): TargetCheck[] {
  const find = (scenario: LoadRunResult['scenario'], target: TargetName): LoadRunResult | undefined =>
    runs.find((run) => run.scenario === scenario && run.target === target);
  const contention = find('contention', 'tally');
  const tutorialContention = find('contention', 'tutorial');
  const fanout = find('fanout', 'tally');
  const floorFanout = find('fanout', 'floor');
  const capacity = find('capacity', 'tally');
  const tutorialCapacity = find('capacity', 'tutorial');

  return [
    check('contention: Tally fan-out p99 < 100 ms', contention, (run) => ({
      figure: `${lowerBound(run)}${ms(run.fanoutMs.p99)}`,
      pass: run.fanoutMs.p99 < 100 && run.undelivered === 0,
    })),
    check('contention: zero lost increments, every client on the final value', contention, (run) => ({
      figure: `lost ${count(run.lost)}, on final ${count(run.clientsAtFinal)} / ${count(run.clientsRequested)}`,
      pass:
        run.lost === 0 &&
        run.connected === run.clientsRequested &&
        run.clientsAtFinal === run.clientsRequested,
    })),
    check(
      'contention: Tally p99 ≥ 50× lower than the tutorial reference',
      both(contention, tutorialContention),
      ([tallyRun, tutorialRun]) => ({
        figure: `${lowerBound(tutorialRun)}${fixed(tutorialRun.fanoutMs.p99 / tallyRun.fanoutMs.p99)}× (tutorial ${lowerBound(tutorialRun)}${ms(tutorialRun.fanoutMs.p99)}, on final ${count(tutorialRun.clientsAtFinal)} / ${count(tutorialRun.clientsRequested)})`,
        pass: tutorialRun.fanoutMs.p99 / tallyRun.fanoutMs.p99 >= 50,
      }),
    ),
    check(
      'fanout: Tally CPU per delivery ≤ 1.5× the raw floor',
      both(fanout, floorFanout),
      ([tallyRun, floorRun]) => ({
        figure: `${fixed(tallyRun.serverCpuMicrosPerDelivery / floorRun.serverCpuMicrosPerDelivery, 2)}× (${fixed(tallyRun.serverCpuMicrosPerDelivery, 2)} vs ${fixed(floorRun.serverCpuMicrosPerDelivery, 2)} µs; per increment × client ${fixed(tallyRun.serverCpuMicrosPerIncrementDelivered / floorRun.serverCpuMicrosPerIncrementDelivered, 2)}×)`,
        pass: tallyRun.serverCpuMicrosPerDelivery <= 1.5 * floorRun.serverCpuMicrosPerDelivery,
      }),
    ),
    check('ack: Tally p99 < 50 ms at the contention load (durable commit included)', contention, (run) => ({
      figure: `${ms(run.ackMs.p99)} (p50 ${ms(run.ackMs.p50)})`,
      pass: run.ackMs.p99 < 50 && run.failedAcks === 0,
    })),
    check('capacity: every client connected to one Tally process', capacity, (run) => ({
      figure: `${count(run.connected)} / ${count(run.clientsRequested)} at ${count(run.connectsPerSecond)}/s`,
      pass: run.connected === run.clientsRequested,
    })),
    check(
      'capacity: bytes per idle connection ≤ the tutorial reference',
      both(capacity, tutorialCapacity),
      ([tallyRun, tutorialRun]) => ({
        figure: `${kib(tallyRun.bytesPerIdleConnection)} vs ${kib(tutorialRun.bytesPerIdleConnection)}`,
        pass: tallyRun.bytesPerIdleConnection <= tutorialRun.bytesPerIdleConnection,
      }),
    ),
    check('capacity: Tally fan-out p99 < 250 ms at 10 increments/s', capacity, (run) => ({
      figure: `${lowerBound(run)}${ms(run.fanoutMs.p99)} with ${count(run.connected)} clients`,
      // Only a figure with every client connected answers the question.
      pass: run.fanoutMs.p99 < 250 && run.undelivered === 0 && run.connected === run.clientsRequested,
    })),
    check('browser: no long task over 50 ms with 50 counters updating', browser, (run) => ({
      figure: `${count(run.longTasks)} long tasks (longest ${ms(run.longestTaskMs)})`,
      pass: run.longTasks === 0,
    })),
    check('browser: initial JS < 120 KB gzipped', browser, (run) => ({
      figure: kib(run.initialJsGzipBytes),
      pass: run.initialJsGzipBytes < INITIAL_JS_LIMIT_BYTES,
    })),
  ];
}

function check<T>(
  target: string,
  input: T | undefined,
  judge: (input: T) => { figure: string; pass: boolean },
): TargetCheck {
  if (input === undefined) return { target, figure: 'not measured', pass: undefined };
  return { target, ...judge(input) };
}

function both<A, B>(left: A | undefined, right: B | undefined): [A, B] | undefined {
  return left !== undefined && right !== undefined ? [left, right] : undefined;
}

function lowerBound(run: LoadRunResult): string {
  return run.undelivered > 0 ? '≥' : '';
}
