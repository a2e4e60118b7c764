import { request } from 'node:http';
import Fastify, { type FastifyInstance } from 'fastify';
import { gateIntake, IntakeGate, intakeLimits } from './intake-gate';

describe(IntakeGate.name, () => {
  it('puts intakes to work up to its limit, the next ones in line, and refuses the rest', () => {
    const sut = new IntakeGate({ admitted: 4, atWork: 2 });
    const tickets = [sut.enter(), sut.enter(), sut.enter(), sut.enter(), sut.enter()];

    expect(tickets.map((t) => t?.state ?? 'refused')).toEqual([
      'at-work',
      'at-work',
      'waiting',
      'waiting',
      'refused',
    ]);
    expect(sut.counts).toEqual({ atWork: 2, waiting: 2 });
  });

  it('starts the waiting intakes in the order they came, one as each leaves', async () => {
    const sut = new IntakeGate({ admitted: 5, atWork: 1 });
    const [first, second, third] = [sut.enter()!, sut.enter()!, sut.enter()!];
    const started: string[] = [];
    void second.turn.then(() => started.push('second'));
    void third.turn.then(() => started.push('third'));

    sut.leave(first);
    await Promise.resolve();
    expect(started).toEqual(['second']);
    sut.leave(second);
    await Promise.resolve();

    expect(started).toEqual(['second', 'third']);
    expect(sut.counts).toEqual({ atWork: 1, waiting: 0 });
  });

  it('lets an intake abandoned while waiting go without a turn, and frees its place in line', async () => {
    const sut = new IntakeGate({ admitted: 3, atWork: 1 });
    const first = sut.enter()!;
    const abandoned = sut.enter()!;
    sut.enter();

    sut.leave(abandoned);
    sut.leave(abandoned);

    await expect(abandoned.turn).resolves.toBe(false);
    expect(sut.counts).toEqual({ atWork: 1, waiting: 1 });
    expect(sut.enter()).not.toBeNull();
    sut.leave(first);
    expect(sut.counts).toEqual({ atWork: 1, waiting: 1 });
  });
});

describe(gateIntake.name, () => {
  let server: FastifyInstance;
  let base: string;
  let entered = 0;
  const waiting: (() => void)[] = [];
  const releaseOne = () => waiting.shift()?.();
  const releaseAll = () => waiting.splice(0).forEach((release) => release());

  beforeEach(async () => {
    entered = 0;
    server = Fastify();
    gateIntake(server, { admitted: 3, atWork: 2 });
    const held = async () => {
      entered++;
      await new Promise<void>((resolve) => waiting.push(resolve));
      return { ok: true };
    };
    server.post('/api/v1/reports', held);
    server.post('/api/v1/uploads', held);
    base = await server.listen({ port: 0, host: '127.0.0.1' });
  });
  afterEach(async () => {
    releaseAll();
    await server.close();
  });

  /**
   * One request on a socket of its own (no keep-alive pool), so abandoning it closes exactly its
   * connection: `abandon()` destroys the socket, `answer` settles with the status and body.
   */
  const post = (path = '/api/v1/reports') => {
    let abandon = () => {};
    const answer = new Promise<{ status: number; body: string } | null>((resolve) => {
      const req = request(`${base}${path}`, { method: 'POST', agent: false }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', () => resolve(null));
      req.end();
      abandon = () => req.destroy();
    });
    return { answer, abandon: () => abandon() };
  };
  const until = async (condition: () => boolean) => {
    while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

  it('holds an intake beyond those at work until one is answered, and sheds one beyond all admitted with a 503 before the route runs', async () => {
    const atWork = [post(), post()];
    await until(() => entered === 2);
    const held = post();
    await settle();

    const shed = (await post().answer)!;

    expect(shed.status).toBe(503);
    expect(JSON.parse(shed.body)).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(entered).toBe(2);
    releaseOne();
    await until(() => entered === 3);
    releaseAll();
    expect(
      (await Promise.all([...atWork, held].map((r) => r.answer))).map((r) => r?.status),
    ).toEqual([200, 200, 200]);
  });

  it('admits again once an intake is answered or abandoned, never runs one abandoned in line, and gates no other route', async () => {
    const first = post();
    const second = post();
    await until(() => entered === 2);
    const inLine = post();
    await settle();
    const other = post('/api/v1/uploads');
    await until(() => entered === 3);

    inLine.abandon();
    expect(await inLine.answer).toBeNull();
    first.abandon();
    expect(await first.answer).toBeNull();
    await settle();
    expect(entered).toBe(3);
    const third = post();
    await until(() => entered === 4);

    releaseAll();
    const answers = await Promise.all([second, other, third].map((r) => r.answer));
    expect(answers.map((r) => r?.status)).toEqual([200, 200, 200]);
  });

  it('admits the pool and its queue on MariaDB, CPU-sized at work, and gates nothing on SQLite', () => {
    const mysql = { driver: 'mysql', url: 'mysql://x', poolSize: 10, queueLimit: 30 } as const;
    expect(intakeLimits(mysql, 4)).toEqual({ admitted: 40, atWork: 4 });
    expect(intakeLimits(mysql, 100)).toEqual({ admitted: 40, atWork: 40 });
    expect(intakeLimits({ driver: 'better-sqlite3', path: ':memory:' }, 4)).toBeNull();
  });
});
