// Starts a worker whose entry is a TypeScript source (under Vitest or tsx; the production bundle
// starts its .js worker directly). Node 20 does not apply a `--import tsx` given in a worker's
// execArgv before the entry loads, so the worker registers tsx itself, then imports the entry
// its WorkerProxy passed as the last argv.
import { register } from 'tsx/esm/api';

register();
await import(process.argv.at(-1));
