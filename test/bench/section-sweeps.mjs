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

/**
 * Times the empty tick (p50 of `EMPTY_TICKS`, after one tick that plans whatever school holiday has begun)
 * and the 1,000-due tick on the server at `base` (started with SIMULATED_CLOCK=true) over the
 * database at `url`, whose history ends at `now`.
 * @returns {Promise<{ emptyMs: number, dueMs: number, due: { orders: number, visits: number, events: number } }>}
 */
export async function benchSweep({ base, url, now }) {
  const token = await devLogin(base, ADMIN);
  await setClock(base, token, now);
  await sweep(base, token);
  const empty = [];
  for (let i = 0; i < EMPTY_TICKS; i++) empty.push((await sweep(base, token)).ms);
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
    dueMs: tick.ms,
    due: {
      orders: tick.body.orders,
      visits: tick.body.visits.dues,
      events: tick.body.events + tick.body.visits.events,
    },
  };
}

export function describeSweep(result) {
  return {
    empty: `${ms(result.emptyMs)} (p50 of ${EMPTY_TICKS})`,
    due: `${ms(result.dueMs)} (${result.due.orders} orders and ${result.due.visits} visits reached a stage; ${result.due.events} stages recorded)`,
  };
}
