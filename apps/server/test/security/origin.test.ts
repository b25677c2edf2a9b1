import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawClient } from '../helpers/raw-client.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/** A polling handshake with the given headers (Host included, as a browser sends it): its status. */
function pollingStatus(port: number, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      { host: '127.0.0.1', port, path: '/socket.io/?EIO=4&transport=polling', headers },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on('error', reject);
  });
}

/** Whether a handshake with these headers opens, over websocket and over polling alike. */
async function opens(port: number, headers: Record<string, string>): Promise<boolean> {
  const overPolling = (await pollingStatus(port, headers)) === 200;
  const overWebsocket = await RawClient.open(port, headers).then(
    (client) => {
      client.close();
      return true;
    },
    (error: Error) => {
      expect(error.message).toBe('HTTP 403');
      return false;
    },
  );
  expect(overWebsocket, JSON.stringify(headers)).toBe(overPolling);
  return overPolling;
}

let unset: TestServer;
let declared: TestServer;

beforeAll(async () => {
  unset = await startTestServer();
  declared = await startTestServer({ PUBLIC_URL: 'https://tally.example.com' });
});

afterAll(async () => {
  await unset.close();
  await declared.close();
});

describe('Origin of a handshake (issue 14: DNS rebinding)', () => {
  it('without PUBLIC_URL, refuses a rebinding page whose Origin equals its Host, and allows the IP address', async () => {
    const port = unset.port;
    const rebound = `evil.example:${port}`;
    expect(await opens(port, { Host: rebound, Origin: `http://${rebound}` })).toBe(false);
    expect(await opens(port, { Host: `127.0.0.1:${port}`, Origin: `http://127.0.0.1:${port}` })).toBe(true);
    expect(await opens(port, { Host: `localhost:${port}`, Origin: `http://localhost:${port}` })).toBe(true);
    expect(await opens(port, { Host: `127.0.0.1:${port}`, Origin: `https://127.0.0.1:${port}` })).toBe(false);
  });

  it('with PUBLIC_URL https://tally.example.com, allows exactly that origin', async () => {
    const port = declared.port;
    const host = { Host: 'tally.example.com' };
    expect(await opens(port, { ...host, Origin: 'https://tally.example.com' })).toBe(true);
    expect(await opens(port, { ...host, Origin: 'http://tally.example.com' })).toBe(false);
    expect(await opens(port, { ...host, Origin: 'https://evil.example' })).toBe(false);
    expect(await opens(port, host)).toBe(true);
  });

  it('with PUBLIC_URL set, refuses an Origin equal to the Host that is not PUBLIC_URL', async () => {
    const port = declared.port;
    for (const host of [`evil.example:${port}`, `127.0.0.1:${port}`]) {
      expect(await opens(port, { Host: host, Origin: `http://${host}` }), host).toBe(false);
    }
  });
});
