import { parentPort } from 'node:worker_threads';
import { serializeError, type WorkerRequest, type WorkerResponse } from './worker-protocol.js';

/**
 * Runs inside a worker thread: answers the main thread's WorkerProxy calls with the methods of
 * the object `open` makes. Calls run in the order they arrive; one that awaits lets later ones
 * start, as on the main thread. If `open` throws, every call is answered with that error, so the
 * caller gets the real reason (a store that cannot open its file) instead of a dead worker.
 */
export function serveInWorker(open: () => object): void {
  const port = parentPort;
  if (!port) throw new Error('serveInWorker must run in a worker thread');
  let target: object | undefined;
  let openError: unknown;
  try {
    target = open();
  } catch (error) {
    openError = error;
  }

  const respond = (response: WorkerResponse) => {
    try {
      port.postMessage(response);
    } catch (error) {
      // A value that cannot be cloned: the caller still gets an answer.
      port.postMessage({ id: response.id, ok: false, error: serializeError(error) } satisfies WorkerResponse);
    }
  };

  port.on('message', async ({ id, method, args }: WorkerRequest) => {
    try {
      if (!target) throw openError;
      const fn = (target as Record<string, unknown>)[method];
      if (typeof fn !== 'function') throw new Error(`no method ${method}`);
      respond({ id, ok: true, value: await fn.apply(target, args) });
    } catch (error) {
      respond({ id, ok: false, error: serializeError(error) });
    }
  });
}
