import { Counter, Gauge, type Registry } from 'prom-client';

/** A figure kept elsewhere (a stats object, the store), read when /metrics is scraped. */
export interface ScrapedFigure {
  name: string;
  help: string;
  read(): number | Promise<number>;
}

/** A counter whose total is kept by its owner (it only grows there): set to it at each scrape. */
export function scrapedCounter(registry: Registry, { name, help, read }: ScrapedFigure): void {
  new Counter({
    name,
    help,
    registers: [registry],
    async collect() {
      const total = await read();
      // prom-client counters have no set(): reset, then add the whole total.
      this.reset();
      this.inc(total);
    },
  });
}

export function scrapedGauge(registry: Registry, { name, help, read }: ScrapedFigure): void {
  new Gauge({
    name,
    help,
    registers: [registry],
    async collect() {
      this.set(await read());
    },
  });
}
