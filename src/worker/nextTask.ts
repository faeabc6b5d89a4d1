// Yield to the worker's task queue: messages already queued (a step the page asked for) are
// handled before the promise resolves. A MessageChannel rather than setTimeout(0), which
// browsers clamp to 4 ms once nested: a long run sliced that way would take half as long again.
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}
