// `pnpm --filter @tally/bench profile <bench-results/x.json> [--scenario s] [--target t] [--phase connect]`:
// after a `pnpm bench --cpu-prof` run, prints where each server spent its time during one phase
// only (the load window by default; `connect` = connects plus settling), by package and by function.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { type LoadRunResult, mainThreadProfile } from './load/run-load-scenario.js';
import { markdownTable } from './report/format.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const TOP_FUNCTIONS = 25;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: {
      scenario: { type: 'string' },
      target: { type: 'string' },
      phase: { type: 'string', default: 'load' },
    },
    allowPositionals: true,
  });
  const [resultsPath] = positionals;
  const phase = values.phase;
  if (!resultsPath || (phase !== 'load' && phase !== 'connect')) {
    throw new Error(
      'usage: profile <bench-results/<timestamp>.json> [--scenario s] [--target t] [--phase load|connect]',
    );
  }
  const results = JSON.parse(await readFile(resultsPath, 'utf8')) as { runs: LoadRunResult[] };
  const runs = results.runs.filter(
    (run) =>
      run.cpuProfileDir &&
      (!values.scenario || run.scenario === values.scenario) &&
      (!values.target || run.target === values.target),
  );
  if (runs.length === 0)
    throw new Error('no run with a CPU profile matches (was the bench run with --cpu-prof?)');
  for (const run of runs) {
    const path = await mainThreadProfile(run.cpuProfileDir ?? '');
    if (!path) {
      console.log(
        `\n## ${run.scenario} on ${run.target}: no profile in ${run.cpuProfileDir} (killed before it could write?)`,
      );
      continue;
    }
    const profile = JSON.parse(await readFile(path, 'utf8')) as CpuProfile;
    const [fromMs, toMs] =
      phase === 'connect'
        ? [run.connectWindowStartMs, run.connectWindowEndMs]
        : [run.loadWindowStartMs, run.loadWindowEndMs];
    const { selfByFrame, selfByPackage, inclusiveByOwnFrame, totalMs } = selfTimes(profile, fromMs, toMs);
    console.log(
      `\n## ${run.scenario} on ${run.target}: ${totalMs.toFixed(0)} ms sampled in the ${phase} phase`,
    );
    console.log(
      markdownTable(['package', 'self ms', 'share'], rank(selfByPackage, totalMs, Number.POSITIVE_INFINITY)),
    );
    console.log();
    console.log(markdownTable(['function', 'self ms', 'share'], rank(selfByFrame, totalMs, TOP_FUNCTIONS)));
    console.log();
    console.log(
      markdownTable(
        ["the server's own functions", 'inclusive ms', 'share'],
        rank(inclusiveByOwnFrame, totalMs, TOP_FUNCTIONS),
      ),
    );
  }
}

/**
 * Self time per function and per package, and inclusive time of the server's own functions (what
 * its code caused, libraries included), from the samples between `fromMs` and `toMs` (monotonic).
 */
function selfTimes(profile: CpuProfile, fromMs: number, toMs: number) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const selfByFrame = new Map<string, number>();
  const selfByPackage = new Map<string, number>();
  const inclusiveByOwnFrame = new Map<string, number>();
  let totalMs = 0;
  let at = profile.startTime / 1000;
  profile.samples.forEach((nodeId, index) => {
    const deltaMs = (profile.timeDeltas[index] ?? 0) / 1000;
    at += deltaMs;
    const node = nodes.get(nodeId);
    if (!node || at < fromMs || at > toMs) return;
    totalMs += deltaMs;
    const frame = frameName(node);
    selfByFrame.set(frame, (selfByFrame.get(frame) ?? 0) + deltaMs);
    const owner = packageOf(node.callFrame.functionName, node.callFrame.url);
    selfByPackage.set(owner, (selfByPackage.get(owner) ?? 0) + deltaMs);
    const counted = new Set<string>();
    for (
      let current: ProfileNode | undefined = node;
      current;
      current = nodes.get(parents.get(current.id) ?? -1)
    ) {
      const name = frameName(current);
      if (packageOf(current.callFrame.functionName, current.callFrame.url) !== OWN_CODE || counted.has(name))
        continue;
      counted.add(name);
      inclusiveByOwnFrame.set(name, (inclusiveByOwnFrame.get(name) ?? 0) + deltaMs);
    }
  });
  return { selfByFrame, selfByPackage, inclusiveByOwnFrame, totalMs };
}

const OWN_CODE = 'the server itself';

function frameName({ callFrame: { functionName, url, lineNumber } }: ProfileNode): string {
  return `${functionName || '(anonymous)'} ${shortUrl(url)}${url ? `:${lineNumber + 1}` : ''}`;
}

function packageOf(functionName: string, url: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : 'native (V8/libuv: writev, JSON, …)';
  const dependency = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?(@[^/]+\/[^/]+|[^/]+)/.exec(url);
  if (dependency?.[1]) return dependency[1];
  if (url.startsWith('node:')) return 'node core (streams, net, events, …)';
  return OWN_CODE;
}

function shortUrl(url: string): string {
  return url
    .replace(/^.*node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?/, '')
    .replace(/^file:\/\/.*\/(apps|packages)\//, '$1/');
}

function rank(times: Map<string, number>, totalMs: number, limit: number): string[][] {
  return [...times]
    .sort((left, right) => right[1] - left[1])
    .slice(0, limit)
    .map(([name, ms]) => [name, ms.toFixed(0), `${((ms / totalMs) * 100).toFixed(1)}%`]);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
