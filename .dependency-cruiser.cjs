/**
 * The import rules `pnpm check:deps` enforces (dependency-cruiser; README "Layout").
 *
 * The server's layers, top to bottom; a file imports its own layer or the ones below, never above:
 *   entry     main.ts, app.ts, backup.ts
 *   plugins   plugins/
 *   config    config.ts (settings from the environment: read by the entry and plugins only, so the
 *             layers below get their options passed in)
 *   handlers  routes/, realtime/
 *   domain    boards/, counters/, presence/, members/, limits/, health/, metrics/, lifecycle/, activity/
 *   store     store/
 *   ground    redis/ (connections, errors, key layout, WAITAOF), sockets/ (the typed Socket.IO server,
 *             Engine.IO connections, the adapters), and @tally/events
 * presence/ is the ground floor of the domain: it imports no other domain module and no store.
 *
 * TypeScript 7's npm package has no JS compiler API, so sources are parsed with swc, which reads
 * the source before type erasure: `import type` counts like any import (a cycle of types is
 * still a cycle).
 */
const SERVER = '^apps/server/src/';
const layer = {
  entry: `${SERVER}(main|app|backup)\\.ts$`,
  plugins: `${SERVER}plugins/`,
  config: `${SERVER}config\\.ts$`,
  handlers: `${SERVER}(routes|realtime)/`,
  domain: `${SERVER}(boards|counters|presence|members|limits|health|metrics|lifecycle|activity)/`,
  store: `${SERVER}store/`,
  ground: `${SERVER}(redis|sockets)/`,
};
const TESTS = '\\.test\\.ts$';

/** Forbids `from` importing any of `above` (tests may import across layers: they exercise them). */
function climbing(name, from, above, comment) {
  return {
    name,
    comment,
    severity: 'error',
    from: { path: layer[from], pathNot: TESTS },
    to: { path: above.map((name) => layer[name]) },
  };
}

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No two modules import each other, directly or around a loop (type-only imports count).',
      severity: 'error',
      from: { path: '^(apps|packages)/[^/]+/src/' },
      to: { circular: true },
    },
    climbing(
      'plugins-climb',
      'plugins',
      ['entry'],
      'plugins/ imports nothing from main.ts, app.ts or backup.ts.',
    ),
    climbing(
      'config-climbs',
      'config',
      ['entry', 'plugins', 'handlers', 'domain'],
      "config.ts reads the environment and the store's defaults, nothing higher.",
    ),
    climbing(
      'handlers-climb',
      'handlers',
      ['entry', 'plugins', 'config'],
      'routes/ and realtime/ get their settings passed in: no plugin, no config.ts.',
    ),
    climbing(
      'domain-climbs',
      'domain',
      ['entry', 'plugins', 'config', 'handlers'],
      'The domain knows no socket handler, route or plugin: move what both need down.',
    ),
    climbing(
      'store-climbs',
      'store',
      ['entry', 'plugins', 'config', 'handlers', 'domain'],
      'The store knows nothing of the domain above it.',
    ),
    climbing(
      'ground-climbs',
      'ground',
      ['entry', 'plugins', 'config', 'handlers', 'domain', 'store'],
      'redis/ and sockets/ are the ground floor: they import nothing of the server above them.',
    ),
    {
      name: 'presence-on-ground-floor',
      comment:
        "presence/ is the domain's ground floor: boards/ and the handlers build on it, not the other way.",
      severity: 'error',
      from: { path: `${SERVER}presence/`, pathNot: TESTS },
      to: { path: [layer.domain, layer.store], pathNot: `${SERVER}presence/` },
    },
    {
      name: 'handlers-apart',
      comment: 'Socket handlers and HTTP routes share through the domain, not through each other.',
      severity: 'error',
      from: { path: `${SERVER}routes/`, pathNot: TESTS },
      to: { path: `${SERVER}realtime/` },
    },
    {
      name: 'handlers-apart-realtime',
      comment: 'Socket handlers and HTTP routes share through the domain, not through each other.',
      severity: 'error',
      from: { path: `${SERVER}realtime/`, pathNot: TESTS },
      to: { path: `${SERVER}routes/` },
    },
    {
      name: 'src-not-from-tests',
      comment: 'Production code never imports test code (test files and the test/ folder).',
      severity: 'error',
      from: { path: '^(apps|packages)/[^/]+/src/', pathNot: TESTS },
      to: { path: ['^(apps|packages)/[^/]+/test/', TESTS] },
    },
    {
      name: 'no-other-package-tests',
      comment:
        "A package never imports another package's tests, test helpers or fixtures: processes come from @tally/testbed.",
      severity: 'error',
      from: { path: '^(e2e|apps/[^/]+|packages/[^/]+|examples/[^/]+)/' },
      to: {
        path: ['/(test|testing|fixtures)/', '[.]test[.]ts$'],
        pathNot: '^$1/',
      },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that cannot be resolved would hide its edges from every rule above.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    parser: 'swc',
    doNotFollow: { path: 'node_modules' },
    // Built output and Playwright's reports are not sources.
    exclude: { path: '(^|/)(node_modules|dist|playwright-report|test-results)/' },
    // Workspace packages export their .ts sources; NodeNext imports name them .js.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'default'],
      extensions: ['.ts', '.tsx', '.js'],
    },
  },
};
