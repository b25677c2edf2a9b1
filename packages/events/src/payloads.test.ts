import { describe, expect, it } from 'vitest';
import { handshakeAuthSchema, isClientEventName, clientPayloadSchemas as s } from './payloads.js';

const opId = 'op_12345678';

describe('client payload schemas', () => {
  it.each([
    ['board:join', { boardId: 'lobby' }],
    ['board:join', { boardId: 'b-1_x', key: 'secret' }],
    ['board:join', { boardId: 'lobby', presence: 'summary' }],
    ['board:join', { boardId: 'lobby', presence: 'members' }],
    ['board:leave', { boardId: 'lobby' }],
    ['counter:create', { boardId: 'lobby', name: '  Cups of tea ', value: -5 }],
    ['counter:increment', { counterId: 'c1', opId }],
    ['counter:increment', { counterId: 'c1', by: -1000, opId }],
    ['counter:increment', { counterId: 'c1', by: 1000, opId }],
    ['counter:rename', { counterId: 'c1', name: 'New' }],
    ['counter:reset', { counterId: 'c1', opId }],
    ['counter:delete', { counterId: 'c1' }],
    ['chat:send', { boardId: 'lobby', text: 'hi 👋' }],
    ['chat:history', { boardId: 'lobby' }],
    ['chat:history', { boardId: 'lobby', before: 'm-1_x', limit: 200 }],
    ['presence:focus', { boardId: 'lobby', counterId: null }],
    ['presence:focus', { boardId: 'lobby', counterId: 'c1' }],
    ['latency:probe', { t: 123.5 }],
    ['counter:create', { boardId: 'lobby', name: 'Door', min: 0, max: 250, step: 5, goal: 200 }],
    ['counter:create', { boardId: 'lobby', name: 'Door', min: 3, max: 3 }],
    ['counter:configure', { counterId: 'c1' }],
    ['counter:configure', { counterId: 'c1', min: null, max: 10, goal: null }],
    ['counter:configure', { counterId: 'c1', step: 1000 }],
    ['counter:undo', { opId, undoOpId: 'undo_12345678' }],
    ['board:export', { boardId: 'lobby' }],
    ['board:import', { name: 'Copy', snapshot: new Uint8Array([1, 2, 3]) }],
    ['board:import', { name: 'Copy', snapshot: new ArrayBuffer(8), visibility: 'private' }],
  ] as const)('%s accepts %j', (event, payload) => {
    expect(s[event].safeParse(payload).success).toBe(true);
  });

  it.each([
    ['board:join', {}],
    ['board:join', { boardId: '' }],
    ['board:join', { boardId: 'a/b' }],
    ['board:join', { boardId: 'x'.repeat(65) }],
    ['board:join', { boardId: 'lobby', extra: 1 }],
    ['board:join', { boardId: 'lobby', key: 42 }],
    ['board:join', { boardId: 'lobby', presence: 'names' }],
    ['board:join', { boardId: 'lobby', presence: true }],
    ['counter:create', { boardId: 'lobby', name: '   ' }],
    ['counter:create', { boardId: 'lobby', name: 'x'.repeat(65) }],
    ['counter:create', { boardId: 'lobby', name: 'ok', value: 0.5 }],
    ['counter:create', { boardId: 'lobby', name: 'ok', value: 2 ** 53 }],
    ['counter:increment', { counterId: 'c1' }],
    ['counter:increment', { counterId: 'c1', opId: 'short' }],
    ['counter:increment', { counterId: 'c1', by: 0, opId }],
    ['counter:increment', { counterId: 'c1', by: 1001, opId }],
    ['counter:increment', { counterId: 'c1', by: 1.5, opId }],
    ['counter:increment', { counterId: 'c1', by: Number.POSITIVE_INFINITY, opId }],
    ['counter:increment', { counterId: 'c1', by: '1', opId }],
    ['counter:increment', { counterId: 'c1', by: Number.NaN, opId }],
    ['counter:increment', JSON.parse(`{"counterId":"c1","opId":"${opId}","__proto__":{"x":1}}`)],
    ['chat:send', { boardId: 'lobby', text: '   ' }],
    ['chat:send', { boardId: 'lobby', text: '😀'.repeat(501) }],
    ['presence:focus', { boardId: 'lobby' }],
    ['latency:probe', { t: '1' }],
    ['latency:probe', null],
    ['latency:probe', [1]],
    ['counter:create', { boardId: 'lobby', name: 'Door', min: 5, max: 4 }],
    ['counter:create', { boardId: 'lobby', name: 'Door', step: 0 }],
    ['counter:create', { boardId: 'lobby', name: 'Door', step: 1001 }],
    ['counter:create', { boardId: 'lobby', name: 'Door', goal: 0.5 }],
    ['counter:configure', { counterId: 'c1', min: 10, max: -10 }],
    ['counter:configure', { counterId: 'c1', step: null }],
    ['counter:configure', { counterId: 'c1', max: 2 ** 53 }],
    ['counter:configure', { counterId: 'c1', value: 3 }],
    ['counter:undo', { opId }],
    ['counter:undo', { opId, undoOpId: 'short' }],
    ['board:export', { boardId: 'lobby', format: 'json' }],
    ['board:import', { name: 'Copy', snapshot: 'VEFMTFlTTkFQ' }],
    ['board:import', { name: 'Copy', snapshot: [1, 2, 3] }],
    ['board:import', { name: 'Copy', snapshot: new Uint8Array(0) }],
    ['board:import', { name: 'Copy', snapshot: new Uint8Array(1_048_577) }],
    ['board:import', { name: '  ', snapshot: new Uint8Array([1]) }],
    ['chat:send', { boardId: 'lobby', text: new Uint8Array([104, 105]) }],
    ['chat:history', { boardId: 'lobby', before: '' }],
    ['chat:history', { boardId: 'lobby', before: 'a/b' }],
    ['chat:history', { boardId: 'lobby', limit: 0 }],
    ['chat:history', { boardId: 'lobby', limit: 201 }],
    ['chat:history', { boardId: 'lobby', limit: 1.5 }],
    ['chat:history', { boardId: 'lobby', after: 'm1' }],
  ] as const)('%s refuses %j', (event, payload) => {
    expect(s[event].safeParse(payload).success).toBe(false);
  });

  it('counts chat length in code points, not UTF-16 units', () => {
    expect(s['chat:send'].safeParse({ boardId: 'lobby', text: '😀'.repeat(500) }).success).toBe(true);
  });

  it('pages the chat by 50 unless told otherwise', () => {
    expect(s['chat:history'].parse({ boardId: 'lobby' })).toEqual({ boardId: 'lobby', limit: 50 });
  });

  it('trims names and defaults nothing it should not', () => {
    const parsed = s['counter:create'].parse({ boardId: 'lobby', name: '  Tea  ' });
    expect(parsed).toEqual({ boardId: 'lobby', name: 'Tea' });
  });
});

describe('event names', () => {
  it('knows only the protocol events, never prototype keys', () => {
    expect(isClientEventName('counter:increment')).toBe(true);
    for (const name of [
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'error',
      'connect',
      42,
      null,
    ]) {
      expect(isClientEventName(name)).toBe(false);
    }
  });
});

describe('handshake auth', () => {
  it('accepts a memberToken of 1-200 chars beside the clientId (v1.1)', () => {
    expect(handshakeAuthSchema.safeParse({ clientId: 'abcdefgh', memberToken: 'x' }).success).toBe(true);
    expect(handshakeAuthSchema.safeParse({ memberToken: 'x'.repeat(200) }).success).toBe(true);
  });

  it('accepts nothing, a clientId and a name', () => {
    expect(handshakeAuthSchema.safeParse({}).success).toBe(true);
    expect(handshakeAuthSchema.parse({ clientId: 'abcdefgh', name: '  Ana ' })).toEqual({
      clientId: 'abcdefgh',
      name: 'Ana',
    });
  });

  it.each([
    { clientId: 'short' },
    { clientId: 'has spaces in it' },
    { name: '' },
    { name: 'x'.repeat(33) },
    { name: 7 },
    { token: 'x' },
    { memberToken: '' },
    { memberToken: 'x'.repeat(201) },
    { memberToken: 42 },
  ])('refuses %j', (auth) => {
    expect(handshakeAuthSchema.safeParse(auth).success).toBe(false);
  });
});
