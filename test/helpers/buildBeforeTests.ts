import { ensureFreshBuild } from './builtApp';
import { useTempCacheDir } from './tempCacheDir';

/** Vitest global setup: the tests of the built app run against a build of the source as it is, with a cache folder of their own. */
export default function setup(): () => void {
  const removeCacheDir = useTempCacheDir();
  console.log(ensureFreshBuild());
  return removeCacheDir;
}
