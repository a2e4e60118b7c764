import { useEffect, useState } from 'react';
import { onOutboxChange, outboxState, type OutboxState } from '../services/outbox';

/** The outbox as it is now, kept current while the page is open. */
export function useOutbox(): OutboxState {
  const [state, setState] = useState<OutboxState>(outboxState);
  useEffect(() => {
    setState(outboxState());
    return onOutboxChange(setState);
  }, []);
  return state;
}
