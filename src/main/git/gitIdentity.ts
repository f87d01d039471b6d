import type { GitIdentity } from '../../core/api';
import { runGit } from './runGit';

/** Who commits when git has no identity configured, so a save is never left uncommitted for it. */
export const FALLBACK_IDENTITY = { name: 'Story Bank', email: 'story-bank@localhost' } as const;

/** Where commits in `root` come from, and the `-c` options that fill what git has no value for. */
export interface CommitIdentity {
  /** The author git will write: the user's own where configured. */
  identity: GitIdentity;
  /** Put before a commit command; empty when the user's configuration is complete. */
  args: string[];
}

/**
 * The user's own identity, from the repository's, the global or the system git configuration or
 * GIT_AUTHOR_* (as git itself reads them); Story Bank's fallback only for a part none of them set.
 * The fallback goes in as `user.*` options, which any value the user set would have overridden,
 * so they are only added where there is none.
 */
export async function readCommitIdentity(root: string): Promise<CommitIdentity> {
  const identity = await identityNow(root);
  lastRead.set(root, identity);
  return identity;
}

/** The identity each repository had when it was last read (every git state read reads it again). */
const lastRead = new Map<string, CommitIdentity>();

/**
 * The commit identity of `root` as last read, or read now: for a commit that should not start
 * a `git config` process every time (the export). A value the user set since is picked up at the
 * next read of the git state; a commit refused for want of an identity reads it again.
 */
export async function knownCommitIdentity(root: string): Promise<CommitIdentity> {
  return lastRead.get(root) ?? readCommitIdentity(root);
}

async function identityNow(root: string): Promise<CommitIdentity> {
  const config = await identityConfig(root);
  const env = process.env;
  const args: string[] = [];
  if (!config.get('user.name')) args.push('-c', `user.name=${FALLBACK_IDENTITY.name}`);
  if (!config.get('user.email')) args.push('-c', `user.email=${FALLBACK_IDENTITY.email}`);
  const name = env.GIT_AUTHOR_NAME || config.get('author.name') || config.get('user.name');
  const email = env.GIT_AUTHOR_EMAIL || config.get('author.email') || config.get('user.email') || env.EMAIL;
  return {
    identity: {
      name: name || FALLBACK_IDENTITY.name,
      email: email || FALLBACK_IDENTITY.email,
      fallback: !name || !email,
    },
    args,
  };
}

/** The identity keys git's configuration sets for `root` (the last file read wins, as in git). */
async function identityConfig(root: string): Promise<Map<string, string>> {
  const values = new Map<string, string>();
  try {
    const { stdout } = await runGit(root, ['config', '-z', '--get-regexp', '^(user|author|committer)\\.(name|email)$']);
    // With -z each entry is "key\nvalue\0".
    for (const entry of stdout.split('\0')) {
      const newline = entry.indexOf('\n');
      if (newline > 0) values.set(entry.slice(0, newline).toLowerCase(), entry.slice(newline + 1).trim());
    }
  } catch {
    // Exit 1: none of the keys is set anywhere.
  }
  return values;
}
