/* eslint-disable @typescript-eslint/no-explicit-any -- mirrors electron.d.ts, whose listener signatures use any */
// Type-checks main/ where the electron package could not be installed (its
// binary download fails offline and npm then drops the optional dependency).
// tsconfig "paths" prefers node_modules/electron/electron.d.ts when present;
// this file declares only the subset of Electron's API that main/ uses, with
// the same signatures as Electron 40.
import type { EventEmitter } from 'node:events';

export interface Event { preventDefault(): void }
export interface WebFrameMain { url: string }
export interface WebContents extends EventEmitter {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  mainFrame: WebFrameMain;
  session: Session;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' } | { action: 'allow' }): void;
  on(event: 'will-navigate' | 'will-redirect', listener: (e: Event, url: string) => void): this;
  on(event: 'will-attach-webview', listener: (e: Event) => void): this;
  on(event: string, listener: (...args: any[]) => void): this;
}
export interface Session {
  setPermissionRequestHandler(
    handler: ((wc: WebContents, permission: string, callback: (granted: boolean) => void) => void) | null,
  ): void;
}
export interface IpcMainEvent { sender: WebContents; senderFrame: WebFrameMain | null }
export interface IpcRendererEvent { sender: unknown }
export interface BrowserWindowConstructorOptions {
  width?: number; height?: number; minWidth?: number; minHeight?: number; title?: string; icon?: string; show?: boolean;
  webPreferences?: Record<string, unknown> & { preload?: string };
}
export declare class BrowserWindow extends EventEmitter {
  constructor(options?: BrowserWindowConstructorOptions);
  webContents: WebContents;
  loadURL(url: string): Promise<void>;
  isMinimized(): boolean;
  restore(): void;
  focus(): void;
  show(): void;
  once(event: 'ready-to-show', listener: () => void): this;
}
export declare const app: EventEmitter & {
  setPath(name: 'userData' | 'sessionData' | 'logs' | 'temp', path: string): void;
  getPath(name: string): string;
  requestSingleInstanceLock(): boolean;
  whenReady(): Promise<void>;
  quit(): void;
  exit(code?: number): void;
};
export declare const ipcMain: {
  on(channel: string, listener: (event: IpcMainEvent, ...args: any[]) => void): void;
  off(channel: string, listener: (event: IpcMainEvent, ...args: any[]) => void): void;
};
export declare const ipcRenderer: {
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: IpcRendererEvent, ...args: any[]) => void): void;
  removeListener(channel: string, listener: (event: IpcRendererEvent, ...args: any[]) => void): void;
};
export declare const contextBridge: { exposeInMainWorld(apiKey: string, api: unknown): void };
export declare const Menu: { setApplicationMenu(menu: null): void };
export declare const safeStorage: {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
};
export declare const dialog: { showErrorBox(title: string, content: string): void };
export declare const shell: { openExternal(url: string): Promise<void> };
