import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef } from 'react';
import { SESSION_QUERY_KEY } from './session-query.js';

/**
 * Well inside the server's idle timeout (30 minutes): the session ends on a tablet left alone,
 * not under a registrar who spends forty minutes typing one large household without a request.
 */
const TOUCH_EVERY_MS = 5 * 60_000;

/** A function to call on user input: now and then it asks GET /session, which keeps it alive. */
export function useSessionTouch(): () => void {
  const queryClient = useQueryClient();
  const lastTouchMs = useRef(Date.now());
  return useCallback(() => {
    const nowMs = Date.now();
    if (nowMs - lastTouchMs.current >= TOUCH_EVERY_MS) {
      lastTouchMs.current = nowMs;
      void queryClient.refetchQueries({ queryKey: SESSION_QUERY_KEY });
    }
  }, [queryClient]);
}
