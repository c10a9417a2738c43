import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Counts the HTTP requests made inside one adapter call (retries and pages included) without
 * threading a counter through the vendor SDKs: the transports call noteRequest().
 */
const scope = new AsyncLocalStorage<{ count: number }>();

export async function countRequests<T>(op: () => Promise<T>): Promise<{ result: T; requests: number }> {
  const store = { count: 0 };
  const result = await scope.run(store, op);
  return { result, requests: store.count };
}

export function noteRequest(): void {
  const store = scope.getStore();
  if (store) store.count++;
}
