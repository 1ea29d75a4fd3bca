/**
 * Runs `fn` once the current turn of the event loop is over: after every I/O callback of the
 * turn (setImmediate), or after a zero timeout where setImmediate does not exist. Taken once,
 * at load, so that a test's fake timers installed later cannot stall the store.
 */
const immediate = (globalThis as { setImmediate?: (fn: () => void) => unknown }).setImmediate;
const timeout = globalThis.setTimeout;

export const later: (fn: () => void) => void =
  typeof immediate === 'function'
    ? (fn) => immediate.call(globalThis, fn)
    : (fn) => timeout.call(globalThis, fn, 0);
