import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { normalizeName } from '@tally/client';

export interface BotOptions {
  /** The server's origin, e.g. `http://localhost:3000`. */
  url: string;
  boardId: string;
  /** The counter to increment, by name; the board's first counter when absent. */
  counterName: string | undefined;
  everyMs: number;
  by: number;
  name: string;
  /** The board's key (private boards); none by default. */
  boardKey: string | undefined;
  /** Where the bot keeps its identity between runs (an absolute path). */
  statePath: string;
}

/** A floor that keeps a slip (`--every 1`) from flooding the board and the server's rate limit. */
const MIN_EVERY_MS = 100;
/** The protocol's bounds of `counter:increment`'s `by` (docs/protocol.md). */
const MAX_BY = 1000;

export const USAGE = `usage: pnpm --filter @tally/example-bot start <url> <board> [options]
  <url>              the Tally server, e.g. http://localhost:3000
  <board>            the board's id, e.g. lobby
  --counter <name>   the counter to increment (default: the board's first)
  --every <ms>       time between two increments (default 1000, at least ${MIN_EVERY_MS})
  --by <n>           what each increment adds: a whole number from -${MAX_BY} to ${MAX_BY}, not 0
                     (default 1; a negative one as --by=-5)
  --name <name>      the name the others see (default "Tally bot", at most 32 characters)
  --key <boardKey>   the board's key, for a private board
  --state <path>     where the bot keeps its identity between runs (default .tally-bot.json)
  --help`;

/** A mistake in the command line: the bot prints it with the usage and exits with 1. */
export class BotUsageError extends Error {}

function wholeNumber(text: string, flag: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isSafeInteger(value))
    throw new BotUsageError(`${flag} ${text}: expected a whole number`);
  return value;
}

function serverUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new BotUsageError(`${text}: expected the server's URL, e.g. http://localhost:3000`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new BotUsageError(`${text}: expected an http:// or https:// URL`);
  return url.origin;
}

/** Reads the bot's command line (without `node` and the script); `'help'` when help was asked for. */
export function parseBotOptions(argv: readonly string[], cwd: string): BotOptions | 'help' {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    // parseArgs says what was wrong (an unknown option, a missing value) in words of its own.
    throw new BotUsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  const [url, boardId, ...extra] = positionals;
  if (url === undefined || boardId === undefined)
    throw new BotUsageError('expected a server URL and a board id');
  if (extra.length > 0) throw new BotUsageError(`unexpected argument: ${extra.join(' ')}`);

  const everyMs = values.every === undefined ? 1000 : wholeNumber(values.every, '--every');
  if (everyMs < MIN_EVERY_MS) throw new BotUsageError(`--every ${values.every}: at least ${MIN_EVERY_MS} ms`);
  const by = values.by === undefined ? 1 : wholeNumber(values.by, '--by');
  if (by === 0 || Math.abs(by) > MAX_BY)
    throw new BotUsageError(`--by ${values.by}: from -${MAX_BY} to ${MAX_BY}, not 0`);
  const name = normalizeName(values.name ?? 'Tally bot');
  if (name === '') throw new BotUsageError('--name: expected a name');
  if (values.counter?.trim() === '') throw new BotUsageError('--counter: expected a counter name');
  if (values.key === '') throw new BotUsageError('--key: expected a board key');

  return {
    url: serverUrl(url),
    boardId,
    counterName: values.counter?.trim(),
    everyMs,
    by,
    name,
    boardKey: values.key,
    statePath: resolve(cwd, values.state ?? '.tally-bot.json'),
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: {
      counter: { type: 'string' },
      every: { type: 'string' },
      by: { type: 'string' },
      name: { type: 'string' },
      key: { type: 'string' },
      state: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: true,
  });
}
