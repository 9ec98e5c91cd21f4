import { spawn } from 'child_process';
import fs from 'fs';
import path from 'path';

/** The built command line, as a pipeline runs it. */
export const BIN = path.resolve(__dirname, '..', '..', '..', '..', 'bin', 'safedeploy.js');
const BUNDLE = path.resolve(__dirname, '..', '..', '..', '..', '.build', 'cli', 'safedeploy.cjs');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Fails with the fix when the command line has not been built (`npm test` builds it first). */
export function assertBuilt(): void {
  if (!fs.existsSync(BUNDLE)) {
    throw new Error(
      'the command line is not built: run `npm run build` (or `node scripts/buildCli.mjs`) before these tests'
    );
  }
}

/**
 * Runs `node bin/safedeploy.js ARGS` with only the given environment (plus PATH), and
 * calls `onStderr` with each chunk so a test can act mid-run.
 *
 * @example
 * const { code, stdout } = await runCli(['gate', '--prometheus', url, ...]);
 */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
  onStderr?: (sofar: string) => void
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk);
      onStderr?.(stderr);
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}
