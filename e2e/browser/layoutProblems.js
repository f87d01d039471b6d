// Runs inside the page: layout.spec.ts hands this file's text to page.evaluate (the Node
// project's TypeScript has no DOM library, and the app's CSP refuses added script tags).

/**
 * What does not fit, as "selector: what" lines: an element of `regions` wider than the viewport
 * or reaching past it, text wider than its own box (not an ellipsis the design chose), and a word
 * the browser broke across two lines ("Distri/bute/d").
 */
globalThis.layoutProblems = function layoutProblems(regions) {
  const problems = [];
  const name = (element) =>
    `${element.tagName.toLowerCase()}${element.className ? `.${String(element.className).split(' ')[0]}` : ''} "${(element.textContent ?? '').trim().slice(0, 40)}"`;
  const viewport = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > viewport) problems.push(`page: scrolls sideways`);
  for (const selector of regions) {
    const root = document.querySelector(selector);
    if (!root) {
      problems.push(`${selector}: not on screen`);
      continue;
    }
    const panel = root.getBoundingClientRect();
    if (root.scrollWidth > root.clientWidth + 1) problems.push(`${selector}: scrolls sideways`);
    for (const element of [root, ...root.querySelectorAll('*')]) {
      const style = getComputedStyle(element);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      // Screen-reader-only text is clipped by design.
      if (style.clipPath !== 'none' || style.position === 'absolute') continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0) continue;
      if (box.left < -1 || box.right > viewport + 1) problems.push(`${name(element)}: outside the viewport`);
      else if (box.left < panel.left - 1 || box.right > panel.right + 1)
        problems.push(`${name(element)}: outside ${selector}`);
      const ellipsis = style.textOverflow === 'ellipsis';
      const ownsText = [...element.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim());
      if (ownsText && !ellipsis && element.scrollWidth > element.clientWidth + 1 && element.clientWidth > 0)
        problems.push(`${name(element)}: text wider than its box`);
    }
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('code, textarea, input, svg, .visually-hidden')) continue;
      // A word is what sits between spaces and the marks a line may break after.
      for (const match of (node.textContent ?? '').matchAll(/[^\s\-/–—·,]+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (lines.size > 1) problems.push(`${name(parent)}: "${match[0]}" broken across lines`);
      }
    }
  }
  return problems;
};
