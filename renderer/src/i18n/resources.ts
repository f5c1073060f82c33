import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

/*
 * The translation tree per language: the shell's strings (locales/*.json) plus
 * one top-level key per feature whose strings live beside its code in
 * features/<name>/locales/{en,zh-CN}.json, so features grow without editing
 * one shared file. To add a feature: import its two files and add one line to
 * each object below (the key is the feature's folder name).
 */
export const EN = {
  ...en,
} as const;

export const ZH_CN = {
  ...zhCN,
} as const;
