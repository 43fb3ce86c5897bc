import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT } from './helpers.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OUT = path.join(ROOT, 'test-output');
const skip = process.env.PAASPORT_SKIP_BROWSER === '1';
// the fixture apps: each has its expected findings beside it
const APPS = readdirSync(path.join(ROOT, 'fixtures')).filter((f) => f.endsWith('.expected.yaml')).length;

function report(args: string[], file: string): string {
  mkdirSync(OUT, { recursive: true });
  const out = path.join(OUT, file);
  const r = spawnSync(process.execPath, [CLI, 'assess', ...args, '--format', 'html', '--output', out, '-q'], {
    encoding: 'utf8',
    cwd: ROOT,
  });
  expect(r.status, r.stderr).toBe(0);
  return out;
}

describe.skipIf(skip)('HTML report in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(
        `no Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH; PAASPORT_SKIP_BROWSER=1 skips this suite)`,
      );
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
  });

  it('portfolio: a person sees the apps table, filters it, opens an app page and filters its findings', async () => {
    const file = report(['--each', 'fixtures'], 'portfolio.html');
    const html = readFileSync(file, 'utf8');
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)="https?:/); // self-contained
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(file).href);

    await expect.poll(() => page.locator('#apps tbody tr:visible').count()).toBe(APPS);
    expect(await page.locator('h2').first().innerText()).toContain(`Portfolio (${APPS} Applications)`);
    expect(await page.locator('#app-count').innerText()).toBe(`${APPS} / ${APPS}`);
    const verdicts = await page.locator('#apps tbody tr td:nth-child(3)').allInnerTexts();
    expect(verdicts.filter((v) => v === 'Not recommended')).toHaveLength(1);
    await page.screenshot({ path: path.join(OUT, 'portfolio.png'), fullPage: true });

    await page.selectOption('#verdict-filter', 'not-recommended');
    expect(await page.locator('#apps tbody tr:visible').count()).toBe(1);
    expect(await page.locator('#apps tbody tr:visible td').first().innerText()).toBe('order-broker');
    await page.selectOption('#verdict-filter', '');
    await page.fill('#app-search', 'struts');
    expect(await page.locator('#apps tbody tr:visible td').first().innerText()).toBe('struts-forum');
    await page.fill('#app-search', '');

    // sorting by readiness puts the lowest score first, then the highest
    await page.click('th[data-key="score"]');
    const ascending = (await page.locator('#apps tbody tr td:nth-child(4)').allInnerTexts()).map(Number);
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    await page.click('th[data-key="score"]');
    const descending = (await page.locator('#apps tbody tr td:nth-child(4)').allInnerTexts()).map(Number);
    expect(descending).toEqual([...ascending].reverse());

    await page.click('#apps a:text("servlet-shop")');
    const app = page.locator('section.page:visible');
    await expect.poll(() => app.locator('h2').innerText()).toContain('servlet-shop');
    expect(await page.locator('#portfolio').isHidden()).toBe(true);
    expect(await app.locator('table.profile').innerText()).toContain('javax.servlet 2.5');
    const count = app.locator('.findings-filter .count');
    expect(await count.innerText()).toBe('13 / 13');
    await app.locator('.cat-filter[value="optional"]').uncheck();
    expect(await count.innerText()).toBe('4 / 13');
    expect(await app.locator('.finding:visible .badge').allInnerTexts()).not.toContain('optional');
    await app.locator('.concern-filter').selectOption('session');
    expect(await count.innerText()).toBe('4 / 13');
    await page.screenshot({ path: path.join(OUT, 'app-page.png'), fullPage: true });

    expect(requests.every((u) => u.startsWith('file:'))).toBe(true);
    await page.close();
  });

  it('a single app in Chinese: the page is the app itself, every label translated', async () => {
    const file = report(['fixtures/struts-forum', '--lang', 'zh-CN'], 'struts-forum.zh-CN.html');
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(pathToFileURL(file).href);
    const text = await page.locator('body').innerText();
    expect(text).toContain('先改造再容器化');
    expect(text).toContain('技术画像');
    expect(text).toContain('会话状态');
    expect(text).not.toMatch(/\b(Verdict|Readiness|Findings|Technology profile|mandatory|optional)\b/);
    await page.screenshot({ path: path.join(OUT, 'app-page.zh-CN.png'), fullPage: true });
    await page.close();
  });
});
