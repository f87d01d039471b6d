import DOMPurify from 'dompurify';
import { Marked } from 'marked';

/**
 * Markdown to HTML that is safe to put in the page. marked does not sanitise, so its output goes
 * through DOMPurify: scripts, event-handler attributes, `javascript:` links and the like are
 * removed (and the page's CSP would refuse to run them anyway). Links open outside the app, never
 * in its one page, and cannot reach back to it.
 */
const marked = new Marked({ gfm: true, breaks: false, async: false });

// An instance of our own, so these hooks and settings never touch other users of DOMPurify.
const purify = DOMPurify(window);
purify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A' && node.hasAttribute('href')) {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

export function renderMarkdown(markdown: string): string {
  const html = marked.parse(markdown, { async: false });
  return purify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select'],
  });
}
