/**
 * The byte-stream port every PTZ protocol runs over. A serial port, a TCP socket and a UDP socket
 * (one datagram per write) all become a ByteLink through a thin adapter in platform/, so the
 * protocol code and its tests never know which wire they are on.
 */
export interface ByteLink {
  /**
   * Sends bytes. Resolves once the adapter has handed them to the OS (not when the peer got them).
   * Rejects when the link is closed or the OS refuses the write.
   */
  write(bytes: Uint8Array): Promise<void>;
  /**
   * Subscribes to received bytes. Chunks may split or join protocol frames anywhere: callers
   * must reassemble (see visca/splitter). Returns an unsubscribe function.
   */
  onData(cb: (bytes: Uint8Array) => void): () => void;
  /** Subscribes to the link closing (by either side or an I/O error). Returns an unsubscribe function. */
  onClose(cb: (reason?: Error) => void): () => void;
  /** Closes the link. Idempotent. */
  close(): Promise<void>;
}
