import type { AuthResponse } from '@shouhu/shared';
import { aSessionWith } from '../factories/session.factory';
import { aVisit, postVisit } from '../factories/visit.factory';
import { HOME_VILLAGE, aWorld } from '../factories/world.factory';
import { http } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';

/** A pool this small makes starvation certain: more writers than connections. */
const POOL_SIZE = 3;
const WRITERS = 4 * POOL_SIZE;

/**
 * Many writes to one child's file at the same moment (a keeper's phone resending, two workers at
 * one file): each waits for the file's lock and is answered, never a 500. A write that took a
 * second pool connection while its transaction held the file's lock starved the pool: the writers
 * queued on the lock held every connection, so the holder waited for one until the database's
 * lock wait timed out (a 50 s stall, then 500s).
 */
describe('concurrent writes to one child file', () => {
  let sut: TestApp;
  let keeper: AuthResponse;
  let serial = 0;

  beforeAll(async () => {
    // A queue long enough for every writer: this suite is about the lock, not load shedding (503).
    sut = await startTestApp({
      env: { DB_POOL_SIZE: String(POOL_SIZE), DB_QUEUE_LIMIT: String(10 * WRITERS) },
    });
    const world = await aWorld(sut.baseUrl);
    keeper = await aSessionWith(sut.baseUrl, {
      role: 'handler',
      unitId: world.units.homeVillage.id,
    });
  }, 120_000);

  afterAll(() => sut.close());

  async function aFile(): Promise<string> {
    serial += 1;
    const opened = await http<{ id: string }>(sut.baseUrl, 'POST', '/children', {
      token: keeper.token,
      body: {
        divisionCode: HOME_VILLAGE,
        child: { name: `并发${String.fromCodePoint(0x4e00 + serial)}`, ageYears: 10 },
        categories: ['left_behind'],
      },
    });
    expect(opened.status).toBe(201);
    return opened.body.id;
  }

  const statuses = async (writes: Promise<{ status: number }>[]) =>
    (await Promise.all(writes)).map((answer) => answer.status).sort();

  it('records each of many visits sent at once', async () => {
    const id = await aFile();

    const answers = await statuses(
      Array.from({ length: WRITERS }, () =>
        postVisit(sut.baseUrl, keeper.token, id, aVisit({ at: new Date().toISOString() })),
      ),
    );

    expect(answers).toEqual(Array(WRITERS).fill(201));
  }, 120_000);

  it('moves a child onto the dropout list once, refusing the repeats with 409', async () => {
    const id = await aFile();

    const answers = await statuses(
      Array.from({ length: WRITERS }, () =>
        http(sut.baseUrl, 'POST', `/children/${id}/dropout`, {
          token: keeper.token,
          body: { state: 'persuading' },
        }),
      ),
    );

    expect(answers).toEqual([200, ...Array(WRITERS - 1).fill(409)]);
  }, 120_000);

  it('answers each of many changes of the file sent at once', async () => {
    const id = await aFile();

    const answers = await statuses(
      Array.from({ length: WRITERS }, (_, i) =>
        http(sut.baseUrl, 'PATCH', `/children/${id}`, {
          token: keeper.token,
          body: { priority: i % 2 === 0 },
        }),
      ),
    );

    expect(answers).toEqual(Array(WRITERS).fill(200));
  }, 120_000);
});
