import { handoffDepartments, handoffReasonsFrom } from './handoffs';
import { mayHandOff, mayRecordHandover } from './order-capacity';
import { ORDER_STATUSES, type OrderActorCapacity, type OrderStatus } from './order-states';
import { RECEIVING_DEPARTMENTS, type ReceivingDepartment } from './departments';

const CAPACITIES: (OrderActorCapacity | null)[] = ['handler', 'coordinator', 'admin', null];

describe(mayHandOff.name, () => {
  it.each(
    CAPACITIES.flatMap((capacity) => ORDER_STATUSES.map((status) => [capacity, status] as const)),
  )('%s on a %s order', (capacity, status) => {
    const expected =
      (capacity === 'handler' || capacity === 'coordinator') && status !== 'returned';
    expect(mayHandOff(capacity, { status })).toBe(expected);
  });
});

describe(mayRecordHandover.name, () => {
  const cases = CAPACITIES.flatMap((capacity) =>
    RECEIVING_DEPARTMENTS.flatMap((department) =>
      ORDER_STATUSES.map((status) => [capacity, department, status] as const),
    ),
  );
  const allowed = new Set<string>([
    'handler civil_affairs in_progress',
    'handler civil_affairs resolved',
  ]);

  it.each(cases)('%s of a %s order, %s', (capacity, department, status) => {
    expect(
      mayRecordHandover(capacity, {
        department: department as ReceivingDepartment,
        status: status as OrderStatus,
      }),
    ).toBe(allowed.has(`${capacity} ${department} ${status}`));
  });
});

describe(handoffDepartments.name, () => {
  it.each(RECEIVING_DEPARTMENTS)('offers every other receiving department from %s', (from) => {
    const offered = handoffDepartments(from);
    expect(offered).not.toContain(from);
    expect([...offered, from].sort()).toEqual([...RECEIVING_DEPARTMENTS].sort());
  });

  it('offers no one-tap reason that brings in the order’s own department', () => {
    for (const from of RECEIVING_DEPARTMENTS) {
      for (const reason of handoffReasonsFrom(from)) {
        expect(handoffDepartments(from)).toContain(reason.department);
      }
    }
  });
});
