import { ipcMain, type IpcMainEvent, type WebContents } from 'electron';
import { msgSchema, type Msg, type Transport } from '../src/rpc/messages';
import { isTrustedSender, RPC_CHANNEL } from './security-policy';

/** One window's IPC as an RPC transport; messages from any other frame or page are dropped. */
export function ipcTransport(contents: WebContents, appUrl: string): Transport {
  return {
    send(m: Msg) {
      if (!contents.isDestroyed()) contents.send(RPC_CHANNEL, m);
    },
    onMessage(cb) {
      const h = (e: IpcMainEvent, raw: unknown) => {
        if (e.sender !== contents || !isTrustedSender(e.senderFrame?.url, appUrl) || e.senderFrame !== contents.mainFrame) return;
        const parsed = msgSchema.safeParse(raw);
        if (parsed.success) cb(parsed.data as Msg);
      };
      ipcMain.on(RPC_CHANNEL, h);
      return () => ipcMain.off(RPC_CHANNEL, h);
    },
    onClose(cb) {
      contents.once('destroyed', cb);
      return () => contents.off('destroyed', cb);
    },
  };
}
