import { DataSource } from 'typeorm';
import { withNamedLock } from '../../src/database/named-lock';
import { createTestDatabase, type TestDatabase } from '../setup/test-database';

describe(withNamedLock.name, () => {
  const databases: TestDatabase[] = [];
  const sources: DataSource[] = [];

  async function aDataSource(database: TestDatabase): Promise<DataSource> {
    const source = new DataSource({ type: 'mysql', url: database.url });
    sources.push(await source.initialize());
    return source;
  }

  afterAll(async () => {
    await Promise.all(sources.map((source) => source.destroy()));
    await Promise.all(databases.map((database) => database.drop()));
  });

  it('lets a server seed its database while a server of another database holds the same lock, and makes one of the same database wait', async () => {
    databases.push(await createTestDatabase(), await createTestDatabase());
    const [one, sameAsOne, other] = [
      await aDataSource(databases[0]),
      await aDataSource(databases[0]),
      await aDataSource(databases[1]),
    ];
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const holding = new Promise<void>((resolve) => (entered = resolve));
    const first = withNamedLock(one, 'shouhu.test', async () => {
      entered();
      await held;
    });
    await holding;
    const order: string[] = [];
    const waiting = withNamedLock(sameAsOne, 'shouhu.test', async () => void order.push('same'));

    await withNamedLock(other, 'shouhu.test', async () => void order.push('other'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    order.push('released');
    release();
    await Promise.all([first, waiting]);

    expect(order).toEqual(['other', 'released', 'same']);
  });
});
