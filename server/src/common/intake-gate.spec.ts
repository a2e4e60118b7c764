import Fastify, { type FastifyInstance } from 'fastify';
import { gateIntake, intakeCapacity } from './intake-gate';

describe('gateIntake', () => {
  let server: FastifyInstance;
  let base: string;
  let entered = 0;
  const waiting: (() => void)[] = [];
  const releaseAll = () => waiting.splice(0).forEach((release) => release());

  beforeEach(async () => {
    entered = 0;
    server = Fastify();
    gateIntake(server, 2);
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

  const post = (path = '/api/v1/reports', signal?: AbortSignal) =>
    fetch(`${base}${path}`, { method: 'POST', signal });
  const until = async (condition: () => boolean) => {
    while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
  };

  it('sheds an intake beyond its capacity with a 503 before the route runs', async () => {
    const admitted = [post(), post()];
    await until(() => entered === 2);

    const shed = await post();

    expect(shed.status).toBe(503);
    expect(await shed.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(entered).toBe(2);
    releaseAll();
    expect((await Promise.all(admitted)).map((r) => r.status)).toEqual([200, 200]);
  });

  it('admits again once an intake is answered or abandoned, and gates no other route', async () => {
    const abandoned = new AbortController();
    const first = post('/api/v1/reports', abandoned.signal).catch(() => null);
    const second = post();
    await until(() => entered === 2);
    const other = post('/api/v1/uploads');
    await until(() => entered === 3);

    abandoned.abort();
    await first;
    await new Promise((resolve) => setTimeout(resolve, 50));
    const third = post();
    await until(() => entered === 4);

    releaseAll();
    expect((await Promise.all([second, other, third])).map((r) => r.status)).toEqual([
      200, 200, 200,
    ]);
  });

  it('takes the pool and its queue on MariaDB, and gates nothing on SQLite', () => {
    expect(
      intakeCapacity({ driver: 'mysql', url: 'mysql://x', poolSize: 10, queueLimit: 30 }),
    ).toBe(40);
    expect(intakeCapacity({ driver: 'better-sqlite3', path: ':memory:' })).toBeNull();
  });
});
