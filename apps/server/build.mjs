// Production bundle: src/main.ts → dist/main.js, run with `node dist/main.js`, and the SQLite
// store's worker thread → dist/sqlite-store-worker.js, which main.js starts from its own folder.
// The workspace contract (@tally/events, TypeScript sources) is bundled in; npm dependencies stay
// external and load from node_modules, so native modules (better-sqlite3) and their files work.
import { readFile } from 'node:fs/promises';
import { build } from 'esbuild';

const packageJson = JSON.parse(await readFile(new URL('./package.json', import.meta.url), 'utf8'));
const external = Object.keys(packageJson.dependencies).filter((name) => !name.startsWith('@tally/'));

await build({
  entryPoints: {
    main: new URL('./src/main.ts', import.meta.url).pathname,
    'sqlite-store-worker': new URL('./src/store/sqlite/sqlite-store-worker.ts', import.meta.url).pathname,
  },
  outdir: new URL('./dist', import.meta.url).pathname,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external,
  sourcemap: true,
  logLevel: 'info',
});
