/** Stored on marker rows: an op_id the device used for a re-report (kept so sync state shows no false gap). */
export const DUPLICATE_FLAG = 8;

/**
 * Sort-key slots per millisecond (see migration 004: tkey = time_ms * TKEY_SLOTS + slot). tkey is
 * computed in SQL with every operand CAST to INTEGER: better-sqlite3 binds JS numbers as REAL, and
 * REAL arithmetic would round a key above 2^53.
 */
export const TKEY_SLOTS = 32768;
