import { useEffect, useRef, useState } from 'react';
import {
  onStaffOutboxChange,
  onStaffRequestSent,
  staffOutboxState,
  type SentStaffRequest,
  type StaffOutboxState,
} from '../services/staff-outbox';

/**
 * The staff outbox as it is now, kept current while the page is open; `onSent` hears each request
 * the server took, so a page can show what it changed (the order signed, the visit on the file).
 */
export function useStaffOutbox(onSent?: (sent: SentStaffRequest) => void): StaffOutboxState {
  const [state, setState] = useState<StaffOutboxState>(staffOutboxState);
  // The latest callback, without subscribing again on every render.
  const heard = useRef(onSent);
  useEffect(() => {
    heard.current = onSent;
  });
  useEffect(() => onStaffOutboxChange(setState), []);
  useEffect(() => onStaffRequestSent((sent) => heard.current?.(sent)), []);
  return state;
}
