// Section 4 of the bench (issue 17): one tick of the deadline sweep (orders, then visits on the
// plan) at the size of the loaded history, run through the drill routes on the simulated clock:
// the empty tick at the instant the history ends (nothing due), and the tick at which the next
// 1,000 clock or visit stages have come due.
import { latencies, ms } from './figures.mjs';
import { call, devLogin, query } from './harness.mjs';

/** Demo data makes `demo-admin` an administrator; the drill routes are theirs. */
const ADMIN = 'demo-admin';
/** An empty tick is a few milliseconds of work: the p50 of 5 moved 0.7–3.4× with other load on the box. */
const EMPTY_TICKS = 30;
const DUE_ITEMS = 1000;

async function sweep(base, token) {
  const answer = await call(base, 'POST', '/admin/sla/sweep', { token, body: {} });
  if (answer.status !== 200)
    throw new Error(`sweep: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer;
}

async function setClock(base, token, now) {
  const answer = await call(base, 'PUT', '/admin/clock', {
    token,
    body: { now: now.toISOString() },
  });
  if (answer.status !== 200)
    throw new Error(`clock: ${answer.status} ${JSON.stringify(answer.body)}`);
}

/** A tick that must find nothing due; its time. */
async function emptyTick(base, token) {
  const answer = await sweep(base, token);
  if (answer.body.orders > 0 || answer.body.visits.dues > 0)
    throw new Error(`an empty tick found work: ${JSON.stringify(answer.body)}`);
  return answer.ms;
}

/**
 * Times the empty tick (p50 of `EMPTY_TICKS`, after one tick that plans whatever school holiday
 * has begun) and the 1,000-due tick on the server at `base` (started with SIMULATED_CLOCK=true)
 * over the database at `url`, whose history ends at `now`. With `reference` (a smaller history's
 * server, `{ base, token }`, past its own 1,000-due tick, so nothing is due there either) each
 * empty tick alternates with one there, so both are timed under the same load on the box:
 * `referenceMs` is the reference's p50 of those, null without one. `reference` in the answer is
 * this server's, for later histories.
 * @returns {Promise<{ emptyMs: number, referenceMs: number | null, dueMs: number, due: { orders: number, visits: number, events: number }, reference: { base: string, token: string } }>}
 */
export async function benchSweep({ base, url, now, reference = null }) {
  const token = await devLogin(base, ADMIN);
  await setClock(base, token, now);
  await sweep(base, token);
  const empty = [];
  const alongside = [];
  for (let i = 0; i < EMPTY_TICKS; i++) {
    const ticks = [async () => empty.push(await emptyTick(base, token))];
    if (reference)
      ticks.push(async () => alongside.push(await emptyTick(reference.base, reference.token)));
    // Each goes first every other time: neither always runs right after the other.
    for (const tick of i % 2 ? ticks.reverse() : ticks) await tick();
  }
  // The instant of the 1,000th next stage (or the last, in a history with fewer).
  const [{ at }] = await query(
    url,
    `SELECT MAX(next_due_at) AS at FROM (
       SELECT next_due_at FROM (
         SELECT next_due_at FROM orders WHERE next_due_at IS NOT NULL
         UNION ALL
         SELECT next_due_at FROM visit_dues
         WHERE next_due_at IS NOT NULL AND done_at IS NULL AND cancelled_at IS NULL) due
       ORDER BY next_due_at LIMIT ${DUE_ITEMS}) first`,
  );
  await setClock(base, token, new Date(at.getTime() + 1));
  const tick = await sweep(base, token);
  return {
    emptyMs: latencies(empty).p50,
    referenceMs: reference ? latencies(alongside).p50 : null,
    dueMs: tick.ms,
    due: {
      orders: tick.body.orders,
      visits: tick.body.visits.dues,
      events: tick.body.events + tick.body.visits.events,
    },
    reference: { base, token },
  };
}

export function describeSweep(result) {
  return {
    empty: `${ms(result.emptyMs)} (p50 of ${EMPTY_TICKS})`,
    due: `${ms(result.dueMs)} (${result.due.orders} orders and ${result.due.visits} visits reached a stage; ${result.due.events} stages recorded)`,
  };
}
