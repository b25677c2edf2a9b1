/** What the clients do while the server is measured. */
export type LoadShape =
  | { kind: 'steady'; incrementers: number; ratePerSecond: number }
  | { kind: 'burst'; count: number };

export interface LoadScenario {
  name: 'fanout' | 'contention' | 'burst' | 'capacity';
  /** One line for the report: the load in words. */
  title: string;
  clients: number;
  load: LoadShape;
}

export const SCENARIO_NAMES = ['fanout', 'contention', 'burst', 'capacity', 'browser'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export interface BrowserScenario {
  name: 'browser';
  title: string;
  counters: number;
  updatesPerSecond: number;
}

/** The loads; `--smoke` shrinks every one to 50 clients so that it only proves the bench runs. */
export function loadScenarios(smoke: boolean): LoadScenario[] {
  const clients = (full: number): number => (smoke ? Math.min(full, 50) : full);
  return [
    {
      name: 'fanout',
      title: `${clients(1000)} clients on one board, 10 incrementers at 10/s each`,
      clients: clients(1000),
      load: { kind: 'steady', incrementers: 10, ratePerSecond: 10 },
    },
    {
      name: 'contention',
      title: `${clients(1000)} clients, ${smoke ? 20 : 100} incrementers at 5/s each`,
      clients: clients(1000),
      load: { kind: 'steady', incrementers: smoke ? 20 : 100, ratePerSecond: 5 },
    },
    {
      name: 'burst',
      title: `one client sends 200 increments at once while ${clients(1000)} watch`,
      clients: clients(1000),
      load: { kind: 'burst', count: 200 },
    },
    {
      name: 'capacity',
      title: `${clients(10_000)} idle clients, then 10 increments/s broadcast to all`,
      clients: clients(10_000),
      load: { kind: 'steady', incrementers: 10, ratePerSecond: 1 },
    },
  ];
}

export function browserScenario(smoke: boolean): BrowserScenario {
  return {
    name: 'browser',
    title: `a board with 50 counters receiving ${smoke ? 100 : 1000} increments/s`,
    counters: 50,
    updatesPerSecond: smoke ? 100 : 1000,
  };
}
