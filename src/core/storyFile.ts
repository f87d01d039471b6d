/**
 * Only for src/renderer tests that still import this path while the renderer moves into feature
 * folders: the story file is rendered by frontmatter/renderStoryFile.ts. Delete once they import that.
 */
export { renderStoryFile } from './frontmatter/renderStoryFile';
