/** Unlabelled samples of a Prometheus text exposition (`name value` lines; comments skipped). */
export function parsePrometheusText(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)\s+(\S+)$/.exec(line.trim());
    if (match?.[1] && match[2] !== undefined) samples.set(match[1], Number(match[2]));
  }
  return samples;
}
