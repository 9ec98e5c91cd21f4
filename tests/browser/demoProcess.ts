import { ChildProcess } from 'child_process';

/** Resolves with the demo's URL once it prints it; rejects if `command` exits first. */
export function waitForUrl(child: ChildProcess, output: string[], command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      const url = /SafeDeploy demo: (http:\/\/\S+)/.exec(output.join(''))?.[1];
      if (url) {
        resolve(url);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.once('exit', (code) => reject(new Error(`\`${command}\` exited (${code}) without serving:\n${output.join('').slice(-3000)}`)));
  });
}
