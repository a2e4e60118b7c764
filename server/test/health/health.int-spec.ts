import type { HealthResponse } from '@shouhu/shared';
import { DataSource } from 'typeorm';
import { http } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';
import { testDriver } from '../setup/test-database';
import { TestClock } from '../setup/test-clock';

describe('GET /health', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp();
  });
  afterAll(() => sut.close());

  it('reports the database as reachable without a login', async () => {
    const response = await http<HealthResponse>(sut.baseUrl, 'GET', '/health');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', database: 'up', driver: testDriver() });
  });

  it('leaves nothing for the entities that the migrations did not create', async () => {
    const pending = await sut.app.get(DataSource).driver.createSchemaBuilder().log();

    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });
});

describe('the server time on every answer', () => {
  const clock = new TestClock(new Date('2026-11-18T02:00:00Z'));
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp({ clock });
  });
  afterAll(() => sut.close());

  it('sends the server clock, which phones count deadlines down on', async () => {
    const ok = await http(sut.baseUrl, 'GET', '/health');
    clock.advance(31 * 60_000);
    const refused = await http(sut.baseUrl, 'GET', '/orders');

    expect(ok.headers.get('x-server-time')).toBe('2026-11-18T02:00:00.000Z');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('x-server-time')).toBe('2026-11-18T02:31:00.000Z');
  });
});
