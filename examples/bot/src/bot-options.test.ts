import { describe, expect, it } from 'vitest';
import { BotUsageError, parseBotOptions } from './bot-options.js';

const parse = (...argv: string[]) => parseBotOptions(argv, '/home/bot');

describe('parseBotOptions', () => {
  it('reads the URL and the board, with the defaults', () => {
    expect(parse('http://localhost:3000/', 'lobby')).toEqual({
      url: 'http://localhost:3000',
      boardId: 'lobby',
      counterName: undefined,
      everyMs: 1000,
      by: 1,
      name: 'Tally bot',
      boardKey: undefined,
      statePath: '/home/bot/.tally-bot.json',
    });
  });

  it('reads every option', () => {
    const options = parse(
      'https://tally.example',
      'team',
      '--counter',
      ' Votes ',
      '--every',
      '250',
      '--by=-5',
      '--name',
      '  Night shift  ',
      '--key',
      'k3y',
      '--state',
      'state/bot.json',
    );
    expect(options).toEqual({
      url: 'https://tally.example',
      boardId: 'team',
      counterName: 'Votes',
      everyMs: 250,
      by: -5,
      name: 'Night shift',
      boardKey: 'k3y',
      statePath: '/home/bot/state/bot.json',
    });
  });

  it('answers help', () => {
    expect(parse('--help')).toBe('help');
  });

  it.each([
    [[], 'expected a server URL and a board id'],
    [['http://localhost:3000'], 'expected a server URL and a board id'],
    [['localhost:3000', 'lobby'], 'expected an http:// or https:// URL'],
    [['not a url', 'lobby'], "expected the server's URL"],
    [['http://localhost:3000', 'lobby', 'extra'], 'unexpected argument: extra'],
    [['http://localhost:3000', 'lobby', '--every', '50'], 'at least 100 ms'],
    [['http://localhost:3000', 'lobby', '--every', 'soon'], 'expected a whole number'],
    [['http://localhost:3000', 'lobby', '--by', '0'], 'not 0'],
    [['http://localhost:3000', 'lobby', '--by', '1001'], 'from -1000 to 1000'],
    [['http://localhost:3000', 'lobby', '--by', '1.5'], 'expected a whole number'],
    [['http://localhost:3000', 'lobby', '--name', '   '], 'expected a name'],
    [['http://localhost:3000', 'lobby', '--counter', ''], 'expected a counter name'],
    [['http://localhost:3000', 'lobby', '--key', ''], 'expected a board key'],
    [['http://localhost:3000', 'lobby', '--colour', 'red'], "Unknown option '--colour'"],
    [['http://localhost:3000', 'lobby', '--every'], "'--every <value>' argument missing"],
  ])('refuses %j', (argv, message) => {
    expect(() => parse(...argv)).toThrow(BotUsageError);
    expect(() => parse(...argv)).toThrow(message);
  });

  it('caps the name the way the server does', () => {
    const options = parse('http://localhost:3000', 'lobby', '--name', 'x'.repeat(40));
    expect(options !== 'help' && options.name).toBe('x'.repeat(32));
  });
});
