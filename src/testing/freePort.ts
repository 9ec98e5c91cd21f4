import fs from 'fs';
import net from 'net';

/** The lowest port Linux hands out for `listen(0)`; 32768 where the kernel does not say. */
function ephemeralLow(): number {
  try {
    const low = Number(fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(low) && low > 2_048 ? low : 32_768;
  } catch {
    return 32_768;
  }
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A loopback port that is free now, for a server started as its own process (it must be told
 * its port). Chosen below the kernel's ephemeral range: a port the kernel handed out for
 * `listen(0)` and released could be handed to any other test's server before this one binds
 * it (seen when a demo that builds for a minute first lost its port under load).
 */
export async function freePort(): Promise<number> {
  const low = ephemeralLow();
  const from = Math.min(10_000, low - 1_000);
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = from + Math.floor(Math.random() * (low - from));
    if (await canListen(port)) {
      return port;
    }
  }
  throw new Error(`No free loopback port between ${from} and ${low}.`);
}
