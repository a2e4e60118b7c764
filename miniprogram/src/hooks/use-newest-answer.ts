import { useState } from 'react';

/**
 * Lets only a screen's newest request show its answer. On a village network answers come back
 * out of order: a list asked for again when a waiting record reached the server can answer after
 * the tab tapped since, and would put the old tab's items under the new tab's name; an order read
 * before an action can land after the one read after it. `ask()` is called as a request is sent;
 * the function it returns says, when the answer (or failure) arrives, whether no later request of
 * this screen was sent since: only then may the answer be shown.
 */
export function useNewestAnswer(): { ask(): () => boolean } {
  // One object for the screen's life, so that an effect may use it without running again.
  const [guard] = useState(() => {
    let sent = 0;
    return {
      ask() {
        const mine = ++sent;
        return () => sent === mine;
      },
    };
  });
  return guard;
}
