/**
 * Delay before reconnect attempt `attempt` (0-based): 250 ms doubling to a
 * 5 s ceiling. The host is on the same machine, so a long ceiling would only
 * make the technician wait after restarting it.
 */
export function reconnectDelay(attempt: number): number {
  const n = Math.max(0, Math.min(attempt, 10));
  return Math.min(5000, 250 * 2 ** n);
}
