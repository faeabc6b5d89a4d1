// Starts the simulation's worker while the page's own code is still loading, named after the
// link in the address bar, so the link's run overlaps the page's start (src/worker/client.ts
// adopts this worker). A name rather than a message: a message posted before the worker has
// loaded waits for this page's thread to hand it over, which is busy starting the app then. The build names the worker in <meta name="hmm-lab-worker">; without it
// (the dev server) the page starts its worker itself.
(function () {
  var meta = document.querySelector('meta[name="hmm-lab-worker"]');
  if (!meta || typeof Worker === 'undefined') return;
  try {
    var name = location.hash.length > 1 ? location.hash : '';
    var worker = new Worker(meta.content, { type: 'module', name: name });
    window.hmmLabBootWorker = worker;
  } catch {
    // The page starts its own.
  }
})();
