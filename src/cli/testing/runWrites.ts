import { main } from '../main';

/**
 * Runs the command line with stdout kept write by write (stderr dropped), for tests of how the
 * output is written as well as what it says.
 *
 * @example
 * const { code, writes } = await runWrites(['score', '--series', 'a.csv', '--events', 'e.json'], {}, Date.now());
 */
export async function runWrites(args: string[], env: Record<string, string>, now: number): Promise<{ code: number; writes: string[] }> {
  const writes: string[] = [];
  const code = await main(args, { stdout: (t) => writes.push(t), stderr: () => undefined, env, now: () => now });
  return { code, writes };
}
