import { orderCapacity, type OrderActor, type ScopedOrder } from './order-capacity';
import type { OrderActorCapacity } from './order-states';
import type { Role } from './roles';

const COUNTY = '341324';
const TOWN_UNIT = { id: 'unit-town', divisionPrefixes: ['341324100'] };
const COORDINATOR_UNIT = { id: 'unit-coordinator', divisionPrefixes: [COUNTY] };
const OTHER_COUNTY_COORDINATOR = { id: 'unit-other', divisionPrefixes: ['341323'] };

const actor = (roles: Role[], unit: OrderActor['unit'] = null): OrderActor => ({
  roles: ['reporter', ...roles],
  unit,
});
const order = (unitId: string | null, divisionCode = '341324100201'): ScopedOrder => ({
  unitId,
  divisionCode,
});

describe(orderCapacity.name, () => {
  it.each<[string, OrderActor, ScopedOrder, OrderActorCapacity | null]>([
    [
      'a handler, an order of their unit',
      actor(['handler'], TOWN_UNIT),
      order('unit-town'),
      'handler',
    ],
    ['a handler, another unit’s order', actor(['handler'], TOWN_UNIT), order('unit-police'), null],
    ['a handler, the admin queue', actor(['handler'], TOWN_UNIT), order(null), null],
    [
      'a coordinator, an order in their county',
      actor(['coordinator'], COORDINATOR_UNIT),
      order('unit-town'),
      'coordinator',
    ],
    [
      'a coordinator, an unrouted order held by their unit elsewhere',
      actor(['coordinator'], COORDINATOR_UNIT),
      order('unit-coordinator', '341323100201'),
      'coordinator',
    ],
    [
      'a coordinator, an order of another county',
      actor(['coordinator'], OTHER_COUNTY_COORDINATOR),
      order('unit-town'),
      null,
    ],
    ['a coordinator without a unit', actor(['coordinator']), order('unit-town'), null],
    ['an admin, the admin queue', actor(['admin']), order(null), 'admin'],
    ['an admin, an order a unit holds', actor(['admin']), order('unit-town'), null],
    [
      'a coordinator who is an admin, the admin queue of another county',
      actor(['coordinator', 'admin'], OTHER_COUNTY_COORDINATOR),
      order(null),
      'admin',
    ],
    ['a reporter', actor([]), order('unit-town'), null],
    ['a hotline operator', actor(['hotline_operator']), order(null), null],
  ])('%s → %s', (_, who, scoped, capacity) => {
    expect(orderCapacity(who, scoped)).toBe(capacity);
  });
});
