import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/tempDir';
import { openStoryBank } from './openStoryBank';

describe('openStoryBank (the Electron app and serve start through it)', () => {
  it('locks the vault: a second opening is refused until the first is closed', async () => {
    const vault = join(await tempDir(), 'vault');
    await cp(join(process.cwd(), 'resources', 'sample-vault'), vault, { recursive: true });
    const choice = { path: vault, isDefault: false };
    const first = await openStoryBank(choice, process.cwd(), 'electron');
    try {
      await expect(openStoryBank(choice, process.cwd(), 'electron')).rejects.toThrow(
        `${vault} is already open in another Story Bank (process ${process.pid})`,
      );
    } finally {
      await first.close();
    }
    const again = await openStoryBank(choice, process.cwd(), 'electron');
    await again.close();
  });
});
