// A worker for worker-proxy.test.ts: small methods that answer, refuse, fail, hang or crash.
import { type ErrorCode, TallyError } from '@tally/events';
import { serveInWorker } from './serve-in-worker.js';

const service = {
  async echo<T>(value: T): Promise<T> {
    return value;
  },
  async refuse(code: ErrorCode, message: string): Promise<never> {
    throw new TallyError(code, message);
  },
  async fail(): Promise<never> {
    throw new Error('SQLITE_CORRUPT at /var/secret/tally.db');
  },
  /** Never answers. */
  hang(): Promise<never> {
    return new Promise(() => {});
  },
  /** Never answers: an uncaught error ends the worker first. */
  crash(): Promise<never> {
    setImmediate(() => {
      throw new Error('worker bug');
    });
    return new Promise(() => {});
  },
};

export type FixtureService = typeof service;

serveInWorker(() => service);
