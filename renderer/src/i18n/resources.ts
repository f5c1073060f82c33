import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import alarmsEn from '../features/alarms/locales/en.json';
import alarmsZhCN from '../features/alarms/locales/zh-CN.json';
import devicesEn from '../features/devices/locales/en.json';
import devicesZhCN from '../features/devices/locales/zh-CN.json';
import logsEn from '../features/logs/locales/en.json';
import logsZhCN from '../features/logs/locales/zh-CN.json';
import networkEn from '../features/network/locales/en.json';
import networkZhCN from '../features/network/locales/zh-CN.json';
import ptzEn from '../features/ptz/locales/en.json';
import ptzZhCN from '../features/ptz/locales/zh-CN.json';
import setupEn from '../features/setup/locales/en.json';
import setupZhCN from '../features/setup/locales/zh-CN.json';
import systemEn from '../features/system/locales/en.json';
import systemZhCN from '../features/system/locales/zh-CN.json';

/*
 * The translation tree per language: the shell's strings (locales/*.json) plus
 * one top-level key per feature whose strings live beside its code in
 * features/<name>/locales/{en,zh-CN}.json, so features grow without editing
 * one shared file. To add a feature: import its two files and add one line to
 * each object below (the key is the feature's folder name).
 */
export const EN = {
  ...en,
  alarms: alarmsEn,
  ptz: ptzEn,
  logs: logsEn,
  devices: devicesEn,
  network: networkEn,
  setup: setupEn,
  system: systemEn,
} as const;

export const ZH_CN = {
  ...zhCN,
  alarms: alarmsZhCN,
  ptz: ptzZhCN,
  logs: logsZhCN,
  devices: devicesZhCN,
  network: networkZhCN,
  setup: setupZhCN,
  system: systemZhCN,
} as const;
