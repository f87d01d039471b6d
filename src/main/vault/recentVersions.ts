/**
 * The texts of story file versions the vault has recently read or written, keyed by their content
 * hash. An editor's save names the version its edits began from by that hash; when the file has
 * changed meanwhile, that version is the base of the three-way merge. The last commit is not: an
 * outside edit the editor already took in is often not committed yet, and merging against the
 * commit would count it as the editor's own change.
 *
 * Bounded by count and size, oldest first out; a version pushed out falls back to the last commit.
 */
export class RecentVersions {
  private readonly texts = new Map<string, string>();
  private size = 0;

  constructor(
    private readonly maxVersions = 512,
    /** Total characters kept: a few hundred typical stories, or a few very large ones. */
    private readonly maxChars = 8 * 1024 * 1024,
  ) {}

  remember(hash: string, text: string): void {
    if (text.length > this.maxChars) return;
    this.forget(hash);
    this.texts.set(hash, text);
    this.size += text.length;
    for (const [oldest, oldText] of this.texts) {
      if (this.texts.size <= this.maxVersions && this.size <= this.maxChars) break;
      this.texts.delete(oldest);
      this.size -= oldText.length;
    }
  }

  /** The text whose hash is `hash`, when it is still kept; looking it up keeps it longer. */
  get(hash: string): string | undefined {
    const text = this.texts.get(hash);
    if (text !== undefined) this.remember(hash, text);
    return text;
  }

  private forget(hash: string): void {
    const text = this.texts.get(hash);
    if (text === undefined) return;
    this.texts.delete(hash);
    this.size -= text.length;
  }
}
