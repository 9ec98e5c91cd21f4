import { whenAborted } from './whenAborted';

describe('whenAborted', () => {
  it('gives a signal one listener however many wait on it, and runs each waiting callback once', () => {
    const controller = new AbortController();
    let listeners = 0;
    const add = controller.signal.addEventListener.bind(controller.signal);
    controller.signal.addEventListener = ((...args: Parameters<typeof add>) => {
      listeners++;
      return add(...args);
    }) as typeof add;
    const ran: number[] = [];
    const forgets = Array.from({ length: 50 }, (_, i) => whenAborted(controller.signal, () => ran.push(i)));
    forgets[7]();
    controller.abort();
    expect(listeners).toBe(1);
    expect(ran).toStrictEqual(Array.from({ length: 50 }, (_, i) => i).filter((i) => i !== 7));
  });

  it('runs nothing for a signal that has already aborted, as addEventListener', () => {
    const controller = new AbortController();
    controller.abort();
    let ran = false;
    whenAborted(controller.signal, () => (ran = true));
    expect(ran).toBe(false);
  });
});
