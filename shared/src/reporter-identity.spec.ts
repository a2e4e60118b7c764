import { RECEIVING_DEPARTMENTS as RECEIVING } from './departments';
import { mayKnowReporter, type ReporterPrivacy } from './reporter-identity';
import type { OrderActorCapacity } from './order-states';

const ANONYMOUS: ReporterPrivacy = { anonymous: true, confidential: false };
const CONFIDENTIAL: ReporterPrivacy = { anonymous: false, confidential: true };
const NAMED: ReporterPrivacy = { anonymous: false, confidential: false };

describe(mayKnowReporter.name, () => {
  const viewers = (['handler', 'coordinator', 'admin'] as OrderActorCapacity[]).flatMap(
    (capacity) => RECEIVING.map((department) => ({ capacity, department })),
  );

  it.each(viewers)('never tells $capacity of $department who filed anonymously', (viewer) => {
    expect(mayKnowReporter(ANONYMOUS, viewer)).toBe(false);
  });

  it.each(viewers)(
    'tells $capacity of $department a confidential reporter only through police or as coordinator',
    (viewer) => {
      const expected =
        viewer.capacity === 'coordinator' ||
        (viewer.capacity === 'handler' && viewer.department === 'police');
      expect(mayKnowReporter(CONFIDENTIAL, viewer)).toBe(expected);
    },
  );

  it.each(viewers)('tells $capacity of $department a named reporter unless an admin', (viewer) => {
    expect(mayKnowReporter(NAMED, viewer)).toBe(viewer.capacity !== 'admin');
  });
});
