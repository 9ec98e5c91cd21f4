// Closing a preview server (the host, the demo's fake GitHub and Unleash) stops it serving at
// once. `server.close()` alone waits for every connection still in use, such as a request a
// page started and a proxy is still forwarding, so a test or the demo could wait on it
// without end; the connections left open are dropped as well.

/**
 * Closes an HTTP server and every connection it holds.
 * @returns a promise that settles when the server has closed
 */
export function closeNow(server) {
  const closed = new Promise((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  return closed;
}
