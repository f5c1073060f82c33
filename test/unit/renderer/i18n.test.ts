import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../src/contract';
import { EN as en, ZH_CN as zhCN } from '../../../renderer/src/i18n/resources';
import { PAGES } from '../../../renderer/src/navigation/routes';

type Tree = { [k: string]: string | Tree };

/** Every leaf as [dotted key, value]. */
function leaves(tree: Tree, prefix = ''): [string, unknown][] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? leaves(v, `${prefix}${k}.`) : [[`${prefix}${k}`, v] as [string, unknown]],
  );
}

const placeholders = (s: string) => [...s.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]).sort();

const LOCALES: Record<string, Tree> = { en: en as unknown as Tree, 'zh-CN': zhCN as unknown as Tree };
const enLeaves = new Map(leaves(LOCALES.en!));

describe('locales', () => {
  it('exist for every language the contract allows', () => {
    expect(Object.keys(LOCALES).sort()).toEqual([...LANGUAGES].sort());
  });

  it('have exactly the same keys', () => {
    const enKeys = [...enLeaves.keys()].sort();
    const zhKeys = leaves(LOCALES['zh-CN']!).map(([k]) => k).sort();
    expect(zhKeys.filter((k) => !enLeaves.has(k)), 'keys only in zh-CN').toEqual([]);
    expect(enKeys.filter((k) => !zhKeys.includes(k)), 'keys missing from zh-CN').toEqual([]);
  });

  it('have no empty values, and every value is a string', () => {
    for (const [lang, tree] of Object.entries(LOCALES)) {
      for (const [key, value] of leaves(tree)) {
        expect(typeof value, `${lang} ${key}`).toBe('string');
        expect((value as string).trim(), `${lang} ${key}`).not.toBe('');
      }
    }
  });

  it('use the same {{placeholders}} for each key in both languages', () => {
    for (const [key, value] of leaves(LOCALES['zh-CN']!)) {
      expect(placeholders(value as string), key).toEqual(placeholders(String(enLeaves.get(key))));
    }
  });

  it('really translate the page names into Simplified Chinese', () => {
    expect(PAGES.map((p) => zhCN.nav[p])).toEqual(['设备', '网络', '云台控制', '日志', '报警', '安装向导', '系统']);
    // Outside names, codes and paths, a zh-CN value should contain Chinese characters.
    const untranslated = leaves(LOCALES['zh-CN']!).filter(
      ([key, v]) => v === enLeaves.get(key) && !/^(app\.name|app\.documentTitle|prefs\.languages\.|common\.none|pages\.system\.(node|electron|kinds\.vpn|serialColumns\.usbId))/.test(key),
    );
    expect(untranslated.map(([k]) => k)).toEqual([]);
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

describe('keys used by the renderer', () => {
  const src = resolve(import.meta.dirname, '../../../renderer/src');
  const code = sourceFiles(src).map((f) => readFileSync(f, 'utf8')).join('\n');

  it('every literal t("…") key exists', () => {
    const used = [...code.matchAll(/\bt\(\s*'([\w.-]+)'/g)].map((m) => m[1]!);
    expect(used.length).toBeGreaterThan(30);
    expect(used.filter((k) => !enLeaves.has(k))).toEqual([]);
  });

  it('every page has a nav label, a title and a description', () => {
    for (const page of PAGES) {
      for (const key of [`nav.${page}`, `pages.${page}.title`, `pages.${page}.description`]) {
        expect(enLeaves.has(key), key).toBe(true);
      }
    }
  });
});
