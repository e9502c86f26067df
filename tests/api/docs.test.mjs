// /docs in headless Chromium (Debian's /usr/bin/chromium, driven by the pinned puppeteer-core):
// Swagger UI, served from the binary under the pages' Content-Security-Policy, loads
// /openapi.json and shows one block per operation of the document, with no console error and
// no CSP violation; a screenshot goes to docs/screenshots/api-docs.png (WZ_SCREENSHOT).
// Started by tests/api/run.sh with WZ_URL set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import puppeteer from 'puppeteer-core';

const BASE = process.env.WZ_URL;
const SHOT = process.env.WZ_SCREENSHOT;
const CHROMIUM = process.env.WZ_CHROMIUM ?? '/usr/bin/chromium';
if (!BASE) throw new Error('WZ_URL must be set (tests/api/run.sh)');

test('/docs shows every operation of /openapi.json, without console errors or CSP violations', async () => {
  const doc = await (await fetch(`${BASE}/openapi.json`)).json();
  let operations = 0;
  for (const item of Object.values(doc.paths))
    for (const m of ['get', 'post', 'put', 'patch', 'delete']) if (item[m]) operations++;

  const profile = mkdtempSync(join(tmpdir(), 'wz-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    // No request may leave the machine: no updates, sync, QUIC probes or first-run pages.
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${profile}`,
    ],
  });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    const problems = [];
    const foreign = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('requestfailed', (req) =>
      problems.push(`request failed: ${req.url()} (${req.failure()?.errorText})`),
    );
    page.on('request', (req) => {
      if (!req.url().startsWith(BASE) && !req.url().startsWith('data:')) foreign.push(req.url());
    });
    // A violation is also a console error in Chromium; the event says which directive.
    await page.evaluateOnNewDocument(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI}`);
      });
    });
    const res = await page.goto(`${BASE}/docs`, { waitUntil: 'networkidle0', timeout: 30000 });
    assert.equal(res.status(), 200, 'GET /docs');
    await page.waitForSelector('.opblock', { timeout: 20000 });
    const shown = await page.$$eval('.opblock', (els) => els.length);
    assert.equal(shown, operations, `operations shown by Swagger UI vs in /openapi.json`);
    const ids = await page.$$eval('.opblock .opblock-summary-path', (els) =>
      els.map((e) => e.getAttribute('data-path')),
    );
    for (const path of Object.keys(doc.paths))
      assert.ok(ids.includes(path), `${path} is not shown on /docs`);
    if (SHOT) {
      mkdirSync(dirname(SHOT), { recursive: true });
      // The operations, down to the last one; the schema list below them is left out.
      const bottom = await page.$$eval('.opblock', (els) => {
        const r = els[els.length - 1].getBoundingClientRect();
        return Math.ceil(r.bottom + window.scrollY);
      });
      await page.screenshot({
        path: SHOT,
        captureBeyondViewport: true,
        clip: { x: 0, y: 0, width: 1280, height: bottom + 24 },
      });
    }
    assert.deepEqual(problems, [], 'console errors, page errors or CSP violations on /docs');
    assert.deepEqual(foreign, [], 'requests that left the server');
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
