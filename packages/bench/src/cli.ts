// `pnpm bench`: starts Tally, the tutorial reference and the raw floor on free ports of
// 127.0.0.1, runs each scenario against each for a bounded time, prints a table per scenario and
// the targets, and writes everything to bench-results/<timestamp>.json.
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import type { BrowserRunResult } from './browser/browser-run-result.js';
import { runBrowserScenario } from './browser/run-browser-scenario.js';
import { type LoadRunResult, runLoadScenario } from './load/run-load-scenario.js';
import { openFilesLimit } from './metrics/open-files-limit.js';
import { type BenchOptions, parseOptions, USAGE } from './options.js';
import { resultsDir } from './paths.js';
import { browserTable } from './report/browser-table.js';
import { markdownTable } from './report/format.js';
import { type FailedRun, loadTable } from './report/load-table.js';
import { writeResultsFile } from './report/results-file.js';
import { checkTargets } from './report/target-checks.js';
import { browserScenario, loadScenarios } from './scenarios.js';
import { rawFloor } from './targets/raw-floor.js';
import { tally } from './targets/tally.js';
import { ensureTallyBuilt } from './targets/tally-build.js';
import { tallyTwoNodes } from './targets/tally-two-nodes.js';
import type { TargetDefinition } from './targets/target.js';
import { tutorialReference } from './targets/tutorial-reference.js';

const TARGETS: TargetDefinition[] = [tally, tallyTwoNodes, tutorialReference, rawFloor];
/** Sockets the bench process holds besides the clients' (workers, pipes, Chromium, files). */
const SPARE_FILES = 500;

const log = (line: string): void => console.log(line);

async function main(): Promise<number> {
  const parsed = parseOptions(process.argv.slice(2));
  if (parsed === 'help') {
    log(USAGE);
    return 0;
  }
  const options: BenchOptions = parsed;
  const startedAt = new Date();
  const runId = `b${startedAt.getTime().toString(36)}`;
  const targets = TARGETS.filter((target) => options.targets.includes(target.name));
  const scenarios = loadScenarios(options.smoke).filter((scenario) =>
    options.scenarios.includes(scenario.name),
  );
  const runBrowser = options.scenarios.includes('browser') && options.targets.includes('tally');

  const filesLimit = openFilesLimit();
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    freeMemoryGiB: Math.round(freemem() / 2 ** 30),
    loadAverage: loadavg(),
    node: process.version,
    openFilesLimit: filesLimit,
  };
  log(
    `Tally bench ${options.smoke ? '(smoke: tiny loads, verdicts mean nothing) ' : ''}${startedAt.toISOString()}`,
  );
  log(
    `machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, load average ${machine.loadAverage.map((value) => value.toFixed(2)).join(' ')}, node ${machine.node}, open files ${filesLimit}`,
  );
  const mostClients = Math.max(0, ...scenarios.map((scenario) => scenario.clients));
  if (mostClients + SPARE_FILES > filesLimit) {
    log(
      `warning: ${mostClients} clients need about ${mostClients + SPARE_FILES} open files, the limit is ${filesLimit}; raise it with \`ulimit -n ${mostClients + SPARE_FILES}\` (up to \`ulimit -Hn\`; above it needs root)`,
    );
  }

  const notes: string[] = [];
  if (targets.some((target) => target.name.startsWith('tally')) || runBrowser)
    notes.push(ensureTallyBuilt(log));

  const cpuProfileDir = options.cpuProfile ? join(resultsDir, 'profiles') : undefined;
  const runs: LoadRunResult[] = [];
  const failures: FailedRun[] = [];
  for (const scenario of scenarios) {
    log(`\n## ${scenario.name}: ${scenario.title}`);
    const scenarioRuns: LoadRunResult[] = [];
    const scenarioTargets = targets.filter((target) => target.scenarios?.includes(scenario.name) ?? true);
    for (const target of scenarioTargets) {
      process.stdout.write(`running ${target.name}… `);
      const runStartedAt = Date.now();
      try {
        const run = await runLoadScenario(
          scenario,
          target,
          {
            cpuProfileDir,
            durationMs: options.durationMs,
            drainTimeoutMs: options.drainTimeoutMs,
            settleTimeoutMs: options.settleTimeoutMs,
            workers: options.workers,
            connectTimeoutMs: options.connectTimeoutMs,
            connectBudgetMs: options.connectBudgetMs,
            connectConcurrencyPerWorker: 100,
          },
          runId,
        );
        scenarioRuns.push(run);
        log(`done in ${((Date.now() - runStartedAt) / 1000).toFixed(1)} s`);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        failures.push({ scenario: scenario.name, target: target.name, error: message });
        log(`failed: ${message}`);
      }
    }
    runs.push(...scenarioRuns);
    for (const run of scenarioRuns) {
      if (run.connectError)
        log(`${run.target}: ${run.connectFailed} connect(s) failed, first: ${run.connectError}`);
      if (run.ackError) log(`${run.target}: ${run.failedAcks} increment(s) failed, first: ${run.ackError}`);
    }
    log(
      `\n${loadTable(
        scenarioTargets.map((target) => target.name),
        scenarioRuns,
        failures.filter((failure) => failure.scenario === scenario.name),
      )}`,
    );
  }

  let browser: BrowserRunResult | undefined;
  if (runBrowser) {
    const scenario = browserScenario(options.smoke);
    log(`\n## browser: ${scenario.title}`);
    try {
      browser = await runBrowserScenario(
        scenario,
        options,
        log,
        cpuProfileDir && join(cpuProfileDir, `${runId}-browser`, 'page.cpuprofile'),
      );
      log(`\n${browserTable(browser)}`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      failures.push({ scenario: 'browser', target: 'tally', error: message });
      log(`failed: ${message}`);
    }
  }

  const checks = checkTargets(runs, browser);
  log(`\n## targets${options.smoke ? ' (smoke run: loads are tiny, so these verdicts mean nothing)' : ''}`);
  log(
    markdownTable(
      ['target', 'figure', 'verdict'],
      checks.map((check) => [
        check.target,
        check.figure,
        check.pass === undefined ? 'not run' : check.pass ? 'pass' : 'MISS',
      ]),
    ),
  );
  const path = await writeResultsFile(startedAt, {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine,
    options,
    notes,
    targets: targets.map(({ name, description }) => ({ name, description })),
    runs,
    browser,
    failures,
    checks,
  });
  log(`\nresults: ${path}`);
  if (failures.length > 0) log(`${failures.length} run(s) failed; see above.`);
  return failures.length > 0 ? 1 : 0;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  // process.exit runs the exit hook that kills every server the bench started.
  process.once(signal, () => process.exit(130));
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
