import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the layering rule (ESLint)', () => {
  it('lets only src/main/electron and src/preload import electron', async () => {
    const code = "import { app } from 'electron';\nexport const x = app;\n";
    expect(await restricted('src/main/electron/window.ts', code)).toEqual([]);
    expect(await restricted('src/preload/extra.ts', code)).toEqual([]);
    for (const file of ['src/main/vault/x.ts', 'src/core/x.ts', 'src/renderer/src/x.ts', 'src/cli/x.ts']) {
      expect(await restricted(file, code), file).toHaveLength(1);
    }
  });

  it('keeps src/core free of side effects and of the other layers', async () => {
    for (const code of [
      "import { readFile } from 'node:fs';",
      "import fs from 'fs';",
      "import { watch } from 'chokidar';",
      "import { Vault } from '../main/vault/vault';",
      "import x from '../renderer/src/App.svelte';",
      "import x from '@renderer/app/App.svelte';",
    ]) {
      expect(await restricted('src/core/x.ts', `${code}\nexport const y = 1;\n`), code).toHaveLength(1);
    }
    expect(await restricted('src/core/x.ts', "import { z } from 'zod';\nexport const y = z;\n")).toEqual([]);
  });

  it('keeps the renderer away from src/main and Node', async () => {
    for (const code of [
      "import { Vault } from '../../main/vault/vault';",
      "import { readFile } from 'node:fs';",
      "import { ipcRenderer } from 'electron';",
    ]) {
      expect(await restricted('src/renderer/src/x.ts', `${code}\nexport const y = 1;\n`), code).toHaveLength(1);
    }
    expect(
      await restricted(
        'src/renderer/src/x.ts',
        "import { COMPETENCIES } from '../../core/competencies';\nexport const y = COMPETENCIES;\n",
      ),
    ).toEqual([]);
    expect(
      await restricted(
        'src/renderer/src/x.ts',
        "import { COMPETENCIES } from '@core/competencies';\nexport const y = 1;\n",
      ),
    ).toEqual([]);
  });

  it('keeps main, the CLI and the Electron glue from importing the renderer by its alias', async () => {
    const code = "import { VaultState } from '@renderer/app/VaultState.svelte';\nexport const y = VaultState;\n";
    for (const file of ['src/main/vault/x.ts', 'src/cli/x.ts', 'src/main/electron/x.ts', 'src/preload/x.ts']) {
      expect(await restricted(file, code), file).toHaveLength(1);
    }
  });
});
