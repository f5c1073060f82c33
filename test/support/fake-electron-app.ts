import { EventEmitter } from 'node:events';
import type { QuittingApp } from '../../main/quit-flush';

/**
 * Electron's quit sequence as far as main/quit-flush.ts sees it: `quit()` emits 'will-quit', and
 * unless a listener called preventDefault() the process ends right there (`onExit`), whatever
 * promises are still pending.
 */
export class FakeElectronApp extends EventEmitter implements QuittingApp {
  exits = 0;
  constructor(private readonly onExit: () => void = () => undefined) {
    super();
  }

  quit(): void {
    let prevented = false;
    this.emit('will-quit', { preventDefault: () => void (prevented = true) });
    if (prevented) return;
    this.exits++;
    this.onExit();
  }
}
