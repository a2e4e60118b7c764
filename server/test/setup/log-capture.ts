import type { DestinationStream } from 'pino';

export type LogLine = Record<string, unknown>;

/** pino's levels, most severe first. */
const SEVERITY = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'];

/** How long a request's line may take to be written after its answer arrived. */
const LINE_TIMEOUT_MS = 2000;
/** How long to keep listening for a second line of a request after its first. */
const SETTLE_MS = 150;

/** The server's log stream, kept as written, for tests to read back (`startTestApp({ logs })`). */
export class LogCapture implements DestinationStream {
  private text = '';

  write(chunk: string): void {
    this.text += chunk;
  }

  /** Everything written so far, byte for byte. */
  written(): string {
    return this.text;
  }

  lines(): LogLine[] {
    return this.text
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as LogLine);
  }

  /**
   * The lines naming `requestId` at `least` or more severe (what a server at that LOG_LEVEL
   * writes), once the first has been written and no other followed it for a moment: the request's
   * line is written when the answer has gone out, which the client may see first.
   */
  async linesOf(requestId: string, least = 'info'): Promise<LogLine[]> {
    const deadline = Date.now() + LINE_TIMEOUT_MS;
    const shown = SEVERITY.slice(0, SEVERITY.indexOf(least) + 1);
    const of = () =>
      this.lines().filter(
        (line) => line.requestId === requestId && shown.includes(line.level as string),
      );
    while (of().length === 0 && Date.now() < deadline) await pause(10);
    await pause(SETTLE_MS);
    return of();
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
