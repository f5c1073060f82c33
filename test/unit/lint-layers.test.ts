import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Proves the layer rules in eslint.config.js fire: the same config `npm run lint` uses,
// applied to source text placed (virtually) in each folder.
const eslint = new ESLint({ cwd: process.cwd() });

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer lint rules', () => {
  it('fail when src/ imports electron, react or the host folders', async () => {
    expect(await restricted('src/discovery/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
    expect(await restricted('src/discovery/x.ts', "import React from 'react';\nexport const a = React;\n")).toHaveLength(1);
    expect(await restricted('src/discovery/x.ts', "import { x } from '../../main/window';\nexport const a = x;\n")).toHaveLength(1);
    expect(await restricted('src/discovery/x.ts', "import { x } from '../../renderer/src/App';\nexport const a = x;\n")).toHaveLength(1);
  });

  it('fail when src/contract imports a Node built-in (the renderer bundles it)', async () => {
    expect(await restricted('src/contract/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n")).toHaveLength(1);
  });

  it('fail when the renderer imports node or electron', async () => {
    expect(await restricted('renderer/src/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n")).toHaveLength(1);
    expect(await restricted('renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n")).toHaveLength(1);
  });

  it('let main/ import electron and src/ import node built-ins', async () => {
    expect(await restricted('main/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([]);
    expect(await restricted('src/platform/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n")).toEqual([]);
  });
});

describe('layer lint rules and local module names', () => {
  it('do not mistake a local module named like a built-in for the built-in', async () => {
    expect(await restricted('src/contract/x.ts', "import { a } from './net';\nexport const b = a;\n")).toEqual([]);
    expect(await restricted('src/contract/x.ts', "import { a } from 'net';\nexport const b = a;\n")).toHaveLength(1);
  });
});
