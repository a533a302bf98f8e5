// Loaded into the API with `node --expose-gc --require` by `npm run bench:soak` only (never by `npm start`):
// answers the benchmark's requests for the heap over the IPC channel it opens, after a full
// garbage collection when asked.
process.channel?.unref();
process.on('message', (message) => {
  if (!message || typeof message !== 'object' || message.type !== 'als-soak-heap') return;
  if (message.gc && typeof global.gc === 'function') {
    global.gc();
    global.gc();
  }
  process.send?.({ type: 'als-soak-heap', id: message.id, heapUsed: process.memoryUsage().heapUsed });
});
