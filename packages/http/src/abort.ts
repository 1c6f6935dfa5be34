/**
 * Settles as `work` does, or rejects with the signal's reason once it aborts. For work that takes no signal of its
 * own (a file-system call that hangs on a dead NFS server or a kernel interface, a token request inside MSAL): the
 * caller must still be able to stop waiting and shut down; the work itself runs on and is ignored.
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) {
    // What the work ends with no longer matters; it must not surface as an unhandled rejection.
    work.catch(() => undefined);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
