import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddTodo } from '../documents/todos.js';
import { startTestApp, waitForSubscribers, type TestApp } from '../helpers/app.js';
import { signedInUser } from '../factories/users.js';

const CHROMIUM = '/usr/bin/chromium';

describe.skipIf(!existsSync(CHROMIUM))('playground in headless Chromium, offline', () => {
  let t: TestApp;
  let browser: Browser;
  const blocked: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function openPlayground(): Promise<Page> {
    const context = await browser.newContext();
    await context.route('**/*', (route) => {
      const host = new URL(route.request().url()).hostname;
      if (host === '127.0.0.1' || host === 'localhost') return route.continue();
      blocked.push(route.request().url());
      return route.abort();
    });
    const page = await context.newPage();
    await page.goto(`${t.url}/`);
    await page.waitForSelector('.graphiql-container', { timeout: 15_000 });
    return page;
  }

  async function setEditor(page: Page, selector: string, value: string) {
    await page.waitForSelector(`${selector} .CodeMirror`);
    await page.evaluate(
      ({ selector, value }) => {
        const element = document.querySelector(`${selector} .CodeMirror`) as unknown as {
          CodeMirror: { setValue(v: string): void };
        };
        element.CodeMirror.setValue(value);
      },
      { selector, value },
    );
    // GraphiQL re-parses the document (and its operation name) on a debounce after an edit.
    await page.waitForTimeout(600);
  }

  async function run(page: Page) {
    await page.click('.graphiql-execute-button');
  }

  const resultText = (page: Page) => page.locator('.result-window').innerText();

  it('loads with no outside request, runs a query and a subscription with the Authorization header', async () => {
    const alice = await signedInUser(t.app);
    const page = await openPlayground();

    await setEditor(page, '.graphiql-query-editor', '{ me { username } serverTime }');
    // The headers tab is open by default (it shows an Authorization placeholder).
    await setEditor(
      page,
      '.graphiql-editor-tool .graphiql-editor:not(.hidden)',
      JSON.stringify({ Authorization: `Bearer ${alice.token}` }),
    );
    await run(page);
    await expect.poll(() => resultText(page), { timeout: 10_000 }).toContain(alice.user.username!);

    await setEditor(page, '.graphiql-query-editor', 'subscription { todosChanged { title } }');
    const before = t.app.infra.pubsub.activeSubscriptions;
    await run(page);
    await waitForSubscribers(t.app, before + 1, 10_000);
    await t.client.as(alice.token).ok(AddTodo, { title: 'pushed to the playground' });
    await expect
      .poll(() => resultText(page), { timeout: 10_000 })
      .toContain('pushed to the playground');

    expect(blocked).toEqual([]);
    await page.context().close();
  });
});
