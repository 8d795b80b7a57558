// bind() + listen() for a lab's TCP server, with an error path for the whole life of the listener.
import type net from 'node:net';

/**
 * Listens, rejecting with the Node error (EADDRINUSE, EMFILE, …) that the caller shows as Python's.
 * Once listening, the server's only errors are accept's: EMFILE or ENFILE when the process is out
 * of descriptors. An 'error' event with no listener would end the bridge, so they go to
 * `onAcceptError`: that connection is lost, the server keeps listening.
 */
export async function listenTcp(server: net.Server, options: net.ListenOptions, onAcceptError: (err: Error) => void): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', onAcceptError);
}
