import type { HealthResponse } from '@shouhu/shared';
import { DataSource } from 'typeorm';
import { http } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';
import { testDriver } from '../setup/test-database';

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
