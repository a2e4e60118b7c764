import { http } from '../setup/http';
import { act } from './order.factory';

/** What `walkOrderMoves` needs of a spec's county: its API, its people and a fresh order. */
export interface OrderMovesWorld {
  baseUrl: string;
  /** The token of the township's 儿童督导员 or of the county's coordinator. */
  token: (who: 'township' | 'coordinator') => string;
  /** A new township order, signed by no one yet. */
  aTownshipOrder: () => Promise<string>;
  /** A second township unit of the county, for 转办 and 改派. */
  otherTownship: string;
}

/**
 * The moves an order makes between units, through the API, each followed by `check(step)`: 转接
 * adds an assist order, 转办 gives the order fresh clocks at another township, a return (退回)
 * interrupts its running clocks, and the coordinator's 改派 gives it fresh clocks again.
 */
export async function walkOrderMoves(
  { baseUrl, token, aTownshipOrder, otherTownship }: OrderMovesWorld,
  check: (step: string) => Promise<void>,
): Promise<void> {
  const handedOff = await aTownshipOrder();
  await act(baseUrl, token('township'), handedOff, 'sign');
  const handoff = await http(baseUrl, 'POST', `/orders/${handedOff}/handoff`, {
    token: token('township'),
    body: { department: 'civil_affairs', reason: '需要民政部门救助' },
  });
  if (handoff.status !== 201) throw new Error(`转接: ${handoff.status}`);
  await check('转接 adds an assist order');

  const transferred = await aTownshipOrder();
  await act(baseUrl, token('township'), transferred, 'transfer', {
    unitId: otherTownship,
    reason: '孩子住在草沟镇',
  });
  await check('转办 to another township');

  const returned = await aTownshipOrder();
  await act(baseUrl, token('township'), returned, 'sign');
  await act(baseUrl, token('township'), returned, 'return', { reason: '不属于本镇' });
  await check('退回 to the coordinator');
  await act(baseUrl, token('coordinator'), returned, 'reassign', {
    unitId: otherTownship,
    reason: '孩子住在草沟镇',
  });
  await check('改派 after a return');
}
