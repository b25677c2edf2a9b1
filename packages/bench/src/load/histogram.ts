/**
 * A log-bucketed latency histogram (≈1% relative precision, 1 µs to ~17 min) that merges by
 * adding counts, so workers can summarise millions of samples and send a few KB to the main thread.
 */
const GROWTH = 1.01;
const MIN_MS = 0.001;
const BUCKETS = Math.ceil(Math.log(1e9) / Math.log(GROWTH)) + 1;

export interface HistogramData {
  counts: number[];
  total: number;
  max: number;
  sum: number;
}

export interface LatencySummary {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export class Histogram {
  private readonly counts = new Float64Array(BUCKETS);
  private total = 0;
  private max = 0;
  private sum = 0;

  record(ms: number): void {
    const value = Math.max(ms, 0);
    this.counts[bucketOf(value)] = (this.counts[bucketOf(value)] ?? 0) + 1;
    this.total += 1;
    this.sum += value;
    if (value > this.max) this.max = value;
  }

  merge(data: HistogramData): void {
    data.counts.forEach((count, index) => {
      if (count > 0) this.counts[index] = (this.counts[index] ?? 0) + count;
    });
    this.total += data.total;
    this.sum += data.sum;
    if (data.max > this.max) this.max = data.max;
  }

  /** The value under which `fraction` of the samples fall (upper edge of the bucket, capped at the max seen). */
  percentile(fraction: number): number {
    if (this.total === 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil(fraction * this.total));
    let seen = 0;
    for (let index = 0; index < BUCKETS; index++) {
      seen += this.counts[index] ?? 0;
      if (seen >= rank) return Math.min(upperEdgeOf(index), this.max);
    }
    return this.max;
  }

  summary(): LatencySummary {
    return {
      count: this.total,
      mean: this.total === 0 ? Number.NaN : this.sum / this.total,
      p50: this.percentile(0.5),
      p95: this.percentile(0.95),
      p99: this.percentile(0.99),
      max: this.total === 0 ? Number.NaN : this.max,
    };
  }

  /** A plain, structured-cloneable copy, sparse enough to post between threads. */
  toData(): HistogramData {
    return { counts: Array.from(this.counts), total: this.total, max: this.max, sum: this.sum };
  }
}

function bucketOf(ms: number): number {
  if (ms <= MIN_MS) return 0;
  return Math.min(BUCKETS - 1, Math.ceil(Math.log(ms / MIN_MS) / Math.log(GROWTH)));
}

function upperEdgeOf(index: number): number {
  return MIN_MS * GROWTH ** index;
}
