import http from 'node:http';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { expect } from 'vitest';

type Family = parsePrometheusTextFormat.MetricFamily;

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE_LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;
const LABEL_PAIR = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** Every sample line (`name{labels} value`) of an exposition, histogram lines (`_bucket`, `_count`, `_sum`) included. */
function readSamples(text: string): Sample[] {
  return text.split('\n').flatMap((line) => {
    const match = SAMPLE_LINE.exec(line);
    if (!match?.[1] || match[3] === undefined) return [];
    const labels = Object.fromEntries([...(match[2] ?? '').matchAll(LABEL_PAIR)].map(([, k, v]) => [k, v]));
    return [{ name: match[1], labels, value: Number(match[3]) }];
  });
}

/**
 * One GET /metrics, parsed by parse-prometheus-text-format (it throws on a line that is not valid
 * Prometheus text; it gives each family's type). Samples are looked up in the lines themselves:
 * that parser folds every series of a labelled histogram into one and drops their labels.
 */
export class MetricsScrape {
  private readonly families: readonly Family[];
  private readonly samples: readonly Sample[];

  constructor(text: string) {
    this.families = parsePrometheusTextFormat(text);
    this.samples = readSamples(text);
  }

  family(name: string): Family | undefined {
    return this.families.find((family) => family.name === name);
  }

  /** Whether a sample line `name` has these labels (among others). */
  has(name: string, labels: Record<string, string> = {}): boolean {
    return this.find(name, labels) !== undefined;
  }

  /**
   * The value of the sample `name` (for a histogram: `…_count`, `…_sum`, `…_bucket`) whose labels
   * include `labels`; 0 for a series not exported yet, as a counter never incremented.
   */
  value(name: string, labels: Record<string, string> = {}): number {
    return this.find(name, labels)?.value ?? 0;
  }

  private find(name: string, labels: Record<string, string>): Sample | undefined {
    return this.samples.find(
      (sample) =>
        sample.name === name &&
        Object.entries(labels).every(([label, value]) => sample.labels[label] === value),
    );
  }
}

/** GET /metrics (with a bearer token when given): 200, Prometheus text 0.0.4, parsed. */
export async function scrapeMetrics(baseUrl: string, token?: string): Promise<MetricsScrape> {
  const response = await fetch(`${baseUrl}/metrics`, {
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  });
  const text = await response.text();
  expect({ status: response.status, text }).toMatchObject({ status: 200 });
  expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  return new MetricsScrape(text);
}

/** A GET sent from another loopback address (its own HTTP rate-limit budget); resolves with the status. */
export function getFrom(localAddress: string, url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { localAddress, agent: false }, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      })
      .on('error', reject);
  });
}
