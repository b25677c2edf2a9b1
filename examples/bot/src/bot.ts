// A Tally bot on @tally/client: joins a board, increments one of its counters on a timer and logs
// what it hears there. Usage: see USAGE in bot-options.ts, or README.md.
import { ApiError, type BoardView, createTallyClient, type TallyClient } from '@tally/client';
import { fileStorage } from '@tally/client/node';
import { type BotOptions, BotUsageError, parseBotOptions, USAGE } from './bot-options.js';
import { describeConnection, describeLiveEvent } from './log-lines.js';
import { type Counter, targetCounter } from './target-counter.js';

const log = (line: string): void => console.log(`${new Date().toISOString().slice(11, 19)} ${line}`);

/** Why the board cannot be shown, in the words of the command line. */
function describeLoadError(error: unknown, options: BotOptions): string {
  if (!(error instanceof ApiError)) return `cannot open board "${options.boardId}": ${String(error)}`;
  switch (error.code) {
    case 'not_found':
      return `board "${options.boardId}" does not exist on ${options.url}`;
    case 'forbidden':
      return options.boardKey === undefined
        ? `board "${options.boardId}" is private: pass its key with --key`
        : `board "${options.boardId}" does not accept that key`;
    default:
      return `cannot open board "${options.boardId}": ${error.code}: ${error.message}`;
  }
}

/** Why the bot cannot start on this board, or undefined when it can. */
function refusalToStart(view: BoardView, options: BotOptions): string | undefined {
  if (view.role === 'viewer')
    return 'that key lets the bot watch the board, not change it: pass a member or owner key';
  if (targetCounter(view.board.counters, options.counterName, undefined) !== undefined) return undefined;
  const names = view.board.counters.map((counter) => `"${counter.name}"`).join(', ');
  return options.counterName === undefined
    ? `board "${options.boardId}" has no counter yet`
    : `board "${options.boardId}" has no counter named "${options.counterName}" (it has ${names || 'none'})`;
}

/** Logs every connection change (not every status refresh: the same text is said once). */
function logConnection(client: TallyClient): () => void {
  let said = '';
  const say = () => {
    const line = describeConnection(client.connection.get());
    if (line !== said) log(line);
    said = line;
  };
  say();
  return client.connection.subscribe(say);
}

/** Logs what is heard on the board from now on: value changes with who made them, counters, arrivals. */
function logBoard(client: TallyClient, boardId: string): () => void {
  let lastSeq = client.getBoard(boardId).live.at(-1)?.seq ?? 0;
  return client.subscribeBoard(boardId, () => {
    for (const event of client.getBoard(boardId).live) {
      if (event.seq <= lastSeq) continue;
      lastSeq = event.seq;
      log(describeLiveEvent(event));
    }
  });
}

/** Increments the target counter every `everyMs` while connected (a bot that was away does not catch up). */
function incrementOnTimer(client: TallyClient, options: BotOptions): () => void {
  let counter: Counter | undefined;
  let waiting = false;
  const timer = setInterval(() => {
    if (client.connection.get().kind !== 'connected') return;
    const counters = client.getBoard(options.boardId).view?.board.counters ?? [];
    const next = targetCounter(counters, options.counterName, counter?.id);
    if (next === undefined) {
      const missing =
        options.counterName === undefined ? 'no counter' : `no counter named "${options.counterName}"`;
      if (!waiting) log(`${missing} to increment: waiting for one`);
      waiting = true;
      return;
    }
    if (next.id !== counter?.id)
      log(`incrementing "${next.name}" by ${options.by} every ${options.everyMs} ms`);
    counter = next;
    waiting = false;
    client.increment(options.boardId, next.id, options.by);
  }, options.everyMs);
  return () => clearInterval(timer);
}

async function run(options: BotOptions): Promise<number> {
  const client = createTallyClient({
    url: options.url,
    name: options.name,
    storage: fileStorage(options.statePath),
    // A process has no other tabs, and nobody reads a bot's round-trip time.
    tabs: false,
    measureLatency: false,
    boardKey: (boardId) => (boardId === options.boardId ? options.boardKey : undefined),
    onProtocolError: (violation) =>
      log(
        `dropped a server message that breaks the protocol: ${violation.event} (${violation.reason}) ${violation.message}`,
      ),
    onWarning: (warning) => log(`warning: ${warning}`),
  });
  const stops: Array<() => void> = [logConnection(client)];
  const stop = () => {
    for (const off of stops.splice(0)) off();
    client.close();
  };

  let greeted = '';
  stops.push(
    client.identity.subscribe(() => {
      const { clientId, greetedName } = client.identity.get();
      if (greetedName === '' || `${greetedName} ${clientId}` === greeted) return;
      greeted = `${greetedName} ${clientId}`;
      log(`here as "${greetedName}" (${clientId}), kept in ${options.statePath}`);
    }),
  );
  stops.push(client.openBoard(options.boardId));

  const signals = new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  const loaded = await Promise.race([
    client.boardReady(options.boardId).then(
      (view) => ({ view }),
      (error: unknown) => ({ error }),
    ),
    signals.then((signal) => ({ signal })),
  ]);
  if ('signal' in loaded) {
    stop();
    return 0;
  }
  if ('error' in loaded) {
    console.error(`tally-bot: ${describeLoadError(loaded.error, options)}`);
    stop();
    return 1;
  }
  const refusal = refusalToStart(loaded.view, options);
  if (refusal !== undefined) {
    console.error(`tally-bot: ${refusal}`);
    stop();
    return 1;
  }

  const { board } = loaded.view;
  log(`on board "${board.name}" (${board.id}), ${board.counters.length} counter(s); Ctrl-C stops`);
  stops.push(
    logBoard(client, options.boardId),
    client.onOpRejected((op, error) =>
      log(`the server refused the ${op.kind} ${op.opId}: ${error.code}: ${error.message}`),
    ),
    incrementOnTimer(client, options),
  );
  log(`stopping (${await signals})`);
  stop();
  return 0;
}

function main(): void {
  let options: BotOptions | 'help';
  try {
    options = parseBotOptions(process.argv.slice(2), process.cwd());
  } catch (error) {
    if (!(error instanceof BotUsageError)) throw error;
    console.error(`tally-bot: ${error.message}\n\n${USAGE}`);
    process.exitCode = 1;
    return;
  }
  if (options === 'help') {
    console.log(USAGE);
    return;
  }
  run(options).then(
    (code) => {
      // Nothing else is left running once the client is closed: the process ends by itself.
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error('tally-bot:', error);
      process.exitCode = 1;
    },
  );
}

main();
