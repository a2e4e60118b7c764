import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../setup/test-app';
import { COUNTY, aCounty, type County } from './county.factory';
import { aSecondTownship } from './unit.factory';

/**
 * A test app with `aCounty`'s units and accounts and a second supervised township for orders to
 * move to (转办, 改派): the set-up of every test that walks the roads an order takes between units.
 */
export async function aTwoTownshipCountyApp(): Promise<{
  sut: TestApp;
  db: DataSource;
  county: County;
  /** The second township's code. */
  otherTownship: string;
}> {
  const sut = await startTestApp();
  const county = await aCounty(sut.baseUrl);
  const otherTownship = await aSecondTownship(sut.baseUrl, COUNTY);
  return { sut, db: sut.app.get(DataSource), county, otherTownship };
}
