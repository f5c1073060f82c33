/** Pelco-D and Pelco-P codecs (RS-485 PTZ protocols). */
export * from './types';
export * from './pelco-d';
export * from './pelco-p';
