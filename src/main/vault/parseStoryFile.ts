/**
 * Only for src/renderer tests that still import this path while the renderer moves into feature
 * folders: story files are parsed by src/core/frontmatter/parseStoryFile.ts. Delete once they import that.
 */
export { parseStoryFile } from '../../core/frontmatter/parseStoryFile';
