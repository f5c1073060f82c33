// The only bridge between the sandboxed page and the main process: a message
// pipe with two functions. The page never sees ipcRenderer or Node.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

const RPC_CHANNEL = 'fieldkit:rpc'; // kept in sync with security-policy.ts; a sandboxed preload cannot import it

contextBridge.exposeInMainWorld('fieldkit', {
  send(msg: unknown) {
    ipcRenderer.send(RPC_CHANNEL, msg);
  },
  onMessage(cb: (msg: unknown) => void) {
    const listener = (_e: IpcRendererEvent, msg: unknown) => cb(msg);
    ipcRenderer.on(RPC_CHANNEL, listener);
    return () => {
      ipcRenderer.removeListener(RPC_CHANNEL, listener);
    };
  },
});
