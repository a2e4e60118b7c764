import { useEffect, useState } from 'react';
import { onOutboxChange, outboxState, type OutboxState } from '../services/outbox';

/** The outbox as it is now, kept current while the page is open. */
export function useOutbox(): OutboxState {
  const [state, setState] = useState<OutboxState>(outboxState);
  // The first render reads the outbox; every change after it (a send every 10 s at least while
  // anything waits) reaches the listener.
  useEffect(() => onOutboxChange(setState), []);
  return state;
}
