// The package ships no types: what its README documents (values are strings, as in prom2json).
declare module 'parse-prometheus-text-format' {
  namespace parsePrometheusTextFormat {
    interface Sample {
      labels?: Record<string, string>;
      /** Counters, gauges and untyped samples. */
      value?: string;
      /** Histograms: cumulative count per upper bound (`le`), `+Inf` included. */
      buckets?: Record<string, string>;
      /** Histograms and summaries. */
      count?: string;
      sum?: string;
    }
    interface MetricFamily {
      name: string;
      help: string;
      type: 'COUNTER' | 'GAUGE' | 'HISTOGRAM' | 'SUMMARY' | 'UNTYPED';
      metrics: Sample[];
    }
  }
  /** Parses Prometheus text exposition format 0.0.4; throws on a line it cannot read. */
  function parsePrometheusTextFormat(text: string): parsePrometheusTextFormat.MetricFamily[];
  export = parsePrometheusTextFormat;
}
