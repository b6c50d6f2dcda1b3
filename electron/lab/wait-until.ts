/** Poll `done` every `stepMs` until it holds or `timeoutMs` passes; resolves whether it held. */
export async function waitUntil(done: () => boolean, timeoutMs: number, stepMs = 20): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
  return true;
}
