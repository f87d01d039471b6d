/**
 * Runs `fn` once the next frame has been painted (a task queued from requestAnimationFrame runs
 * after that frame). Returns the cancel. For what the first screen does not need: asking for it
 * sooner only makes the first paint share the CPU with it, on the page and in main.
 */
export function afterFirstPaint(fn: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(fn, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}
