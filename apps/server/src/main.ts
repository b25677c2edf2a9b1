import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { shutdownOnSignals } from './lifecycle/shutdown-on-signals.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = buildApp(config);
  await app.listen({ host: config.host, port: config.port });
  // Not before: until it listens the node has no client to move, and a signal just ends it.
  shutdownOnSignals(app, config.drainTimeoutMs);
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  app.log.info(`Tally listening on http://localhost:${port}`);
}

main().catch((error: unknown) => {
  // A bad setting is the operator's to fix: say which, without a stack trace.
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
