import { connect } from 'node:net';
import { startTestApp, type TestApp } from '../setup/test-app';

const DEADLINE_SECONDS = 5;

/**
 * Sends `head`, then each of `chunks` a second apart, and resolves with everything the server
 * wrote back once it closes the connection (or after `giveUpMs`), and when that was.
 */
function trickle(port: number, head: string, chunks: string[], giveUpMs: number) {
  return new Promise<{ answer: string; afterMs: number }>((resolve) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    const timers: NodeJS.Timeout[] = [];
    const done = () => {
      timers.forEach(clearTimeout);
      socket.destroy();
      resolve({ answer, afterMs: Date.now() - started });
    };
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('close', done);
    socket.on('error', done);
    socket.write(head);
    chunks.forEach((chunk, i) =>
      timers.push(setTimeout(() => socket.writable && socket.write(chunk), (i + 1) * 1000)),
    );
    timers.push(setTimeout(done, giveUpMs));
  });
}

describe('a JSON body must arrive in time', () => {
  let sut: TestApp;
  let port: number;
  beforeAll(async () => {
    sut = await startTestApp({ env: { BODY_TIMEOUT_SECONDS: String(DEADLINE_SECONDS) } });
    port = Number(new URL(sut.baseUrl).port);
  });
  afterAll(() => sut.close());

  const head = (length: number) =>
    `POST /api/v1/auth/dev HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
    `Content-Length: ${length}\r\n\r\n`;

  it('answers a body that trickles a byte a second with 408 in our shape and closes', async () => {
    const { answer, afterMs } = await trickle(port, head(1000), Array(30).fill(' '), 20_000);
    const [status, ...rest] = answer.split('\r\n');
    const body = JSON.parse(rest.join('\r\n').split('\r\n\r\n')[1]);

    expect(status).toBe('HTTP/1.1 408 Request Timeout');
    expect(body).toEqual({
      code: 'VALIDATION_FAILED',
      message: '请求发送超时，请重试',
      requestId: answer.match(/\r\nX-Request-Id: ([\w-]+)\r\n/i)?.[1],
    });
    expect(answer).toMatch(/Cache-Control: no-store/i);
    expect(afterMs).toBeGreaterThanOrEqual(DEADLINE_SECONDS * 1000 - 100);
    expect(afterMs).toBeLessThan((DEADLINE_SECONDS + 3) * 1000);
  });

  it('leaves a body that arrives in a few pieces within the deadline alone', async () => {
    const json = JSON.stringify({ openid: 'body-deadline-user' });
    const pieces = [json.slice(0, 5), json.slice(5, 12), json.slice(12)];
    const { answer } = await trickle(
      port,
      head(Buffer.byteLength(json)).replace('\r\n\r\n', '\r\nConnection: close\r\n\r\n'),
      pieces,
      (DEADLINE_SECONDS + 5) * 1000,
    );

    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 200 OK');
  });
});
