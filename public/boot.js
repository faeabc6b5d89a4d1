// Starts the simulation's worker while the page's own code is still loading, and hands it the
// link in the address bar, so the link's run overlaps the page's start (src/worker/client.ts
// adopts this worker). The build names the worker in <meta name="hmm-lab-worker">; without it
// (the dev server) the page starts its worker itself.
(function () {
  var meta = document.querySelector('meta[name="hmm-lab-worker"]');
  if (!meta || typeof Worker === 'undefined') return;
  try {
    var worker = new Worker(meta.content, { type: 'module' });
    if (location.hash.length > 1) worker.postMessage({ openAtBoot: location.hash });
    window.hmmLabBootWorker = worker;
  } catch {
    // The page starts its own.
  }
})();
