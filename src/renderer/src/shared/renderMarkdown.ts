import DOMPurify from 'dompurify';
import { Marked } from 'marked';

/**
 * Markdown to HTML that is safe to put in the page. marked does not sanitise, so its output goes
 * through DOMPurify: scripts, event-handler attributes, `javascript:` links and the like are
 * removed (and the page's CSP would refuse to run them anyway), and nothing in it loads anything
 * from another origin. Links open outside the app, never in its one page, and cannot reach back to it.
 */
const marked = new Marked({ gfm: true, breaks: false, async: false });

// An instance of our own, so these hooks and settings never touch other users of DOMPurify.
const purify = DOMPurify(window);

/**
 * Attributes that make the page fetch something. A story is the user's own text and nothing leaves
 * the machine, so the preview loads nothing from another origin: a remote image, video poster or
 * background would tell a server the story was opened (the CSP refuses such loads too; this is the
 * first of the two locks). Links are different: they open outside the app, only when clicked.
 */
const FETCHING_ATTRIBUTES = ['src', 'srcset', 'poster', 'background', 'data', 'xlink:href', 'href', 'action'];

/** A URL that names a scheme or a host (`https:`, `//host`), other than an inline `data:image/`. */
function isRemote(url: string): boolean {
  const trimmed = url.trim();
  return (
    (/^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith('//') || trimmed.startsWith('\\')) &&
    !/^data:image\//i.test(trimmed)
  );
}

purify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    if (node.hasAttribute('href')) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
    return;
  }
  for (const name of FETCHING_ATTRIBUTES) {
    const value = node.getAttribute(name);
    if (value !== null && (name === 'srcset' || isRemote(value))) node.removeAttribute(name);
  }
});

export function renderMarkdown(markdown: string): string {
  const html = marked.parse(markdown, { async: false });
  return purify.sanitize(html, {
    USE_PROFILES: { html: true },
    // Forms post away, media elements fetch on their own; a story preview needs neither.
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'video', 'audio', 'source', 'track'],
    // Inline styles can load images (`background-image: url(…)`); marked never writes them.
    FORBID_ATTR: ['style'],
  });
}
