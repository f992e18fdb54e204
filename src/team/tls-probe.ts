/**
 * "TLS when the server offers it" (libpq's `sslmode=prefer`), which node-postgres does not have: it either
 * requires TLS or never uses it. So ask the server first, the way libpq does: send PostgreSQL's SSLRequest
 * packet on a plain socket and read the one-byte answer, `S` (TLS offered) or `N` (not).
 */
import net from 'node:net';

/** SSLRequest: length 8, then the magic code 80877103 (protocol docs, "SSL Session Encryption"). */
const SSL_REQUEST = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);

/** Resolves `true` when the server at host:port offers TLS; rejects when it cannot be reached in `timeoutMs`. */
export function serverOffersTls(host: string, port: number, timeoutMs = 5000): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const done = (err: Error | null, offered = false): void => {
      socket.destroy();
      if (err) reject(err);
      else resolve(offered);
    };
    socket.setTimeout(timeoutMs, () => done(new Error(`no answer from ${host}:${port} within ${timeoutMs} ms`)));
    socket.once('error', (e) => done(e));
    socket.once('connect', () => socket.write(SSL_REQUEST));
    socket.once('data', (b) => done(null, b[0] === 0x53));
  });
}
