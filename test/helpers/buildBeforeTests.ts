import { ensureFreshBuild } from './builtApp';

/** Vitest global setup: the tests of the built app run against a build of the source as it is. */
export default function setup(): void {
  console.log(ensureFreshBuild());
}
