import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * Heap in use after a full collection (bytes). Exposes V8's `gc` on first use; memory tests compare two
 * of these around the code under test. Call it from a frame that no longer holds what should be freed:
 * an interpreter register can keep a value alive until the function returns.
 */
export function heapAfterGc(): number {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
  return process.memoryUsage().heapUsed;
}
