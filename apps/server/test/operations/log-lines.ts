import { Writable } from 'node:stream';

/** One line of the server's JSON log (pino): its level (30 info, 40 warn, 50 error), message and fields. */
export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

export const WARN = 40;

/** The JSON log lines in a process's output; other text (a stack trace on stderr) is left out. */
export function parseLogLines(output: string): LogLine[] {
  return output.split('\n').flatMap((line) => {
    if (!line.startsWith('{')) return [];
    try {
      return [JSON.parse(line) as LogLine];
    } catch {
      return [];
    }
  });
}

/** A destination for buildApp's `logStream` that keeps what an in-process server logs. */
export function captureLogs(): { stream: Writable; lines(): LogLine[] } {
  let output = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      output += chunk;
      done();
    },
  });
  return { stream, lines: () => parseLogLines(output) };
}
