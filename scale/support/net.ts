import { createConnection } from 'node:net';

/** Whether something accepts a TCP connection on 127.0.0.1:`port` now (a started service is listening). */
export function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
