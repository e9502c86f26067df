// The admin and store panels in headless chromium (tests/browser/run.sh starts the server and
// sets WZ_URL and WZ_ARTIFACTS). The scenarios run in order: the store the admin creates is the
// one its new owner then joins.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';

const URL = process.env.WZ_URL;
const ARTIFACTS = process.env.WZ_ARTIFACTS;
assert.ok(URL, 'WZ_URL is not set: run tests/browser/run.sh');
assert.ok(ARTIFACTS, 'WZ_ARTIFACTS is not set: run tests/browser/run.sh');

let browser;
let profile;

before(async () => {
  profile = mkdtempSync(join(tmpdir(), 'wz-chromium-'));
  browser = await puppeteer.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    userDataDir: profile,
    args: [
      '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
});

after(async () => {
  if (browser) await browser.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

// A fresh browser context (its own cookies), with a desktop-sized page.
async function freshPage(width = 1280, height = 860) {
  const ctx = await browser.createBrowserContext();
  const page = await ctx.newPage();
  await page.setViewport({ width, height });
  // The pages must not need script at all: run them without.
  await page.setJavaScriptEnabled(false);
  return page;
}

async function shot(page, name) {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

// Submits the form of the main content holding selector (not the header's sign-out form).
async function submit(page, formSelector) {
  const [resp] = await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    page.click(`${formSelector} button[type="submit"]`),
  ]);
  return resp;
}

async function fill(page, fields) {
  for (const [name, value] of Object.entries(fields)) {
    const sel = `main [name="${name}"]`;
    const tag = await page.$eval(sel, (el) => el.tagName);
    if (tag === 'SELECT') {
      await page.select(sel, value);
    } else {
      await page.$eval(sel, (el) => { el.value = ''; });
      await page.type(sel, value);
    }
  }
}

async function signIn(page, realm, login, password) {
  await page.goto(`${URL}/${realm}/login`);
  await fill(page, { login, password });
  return submit(page, 'main form');
}

const text = (page, sel) => page.$eval(sel, (el) => el.textContent.trim());

const state = { token: null, storeId: null };

describe('the panels', () => {
  test('a wrong password shows the one sign-in error', async () => {
    const page = await freshPage();
    const resp = await signIn(page, 'admin', 'admin', 'not-the-password');
    assert.equal(resp.status(), 401);
    assert.equal(await text(page, '.alert'), 'Wrong email, username or password.');
    assert.equal(page.url(), `${URL}/admin/login`);
    await shot(page, 'admin-login-error');
    await page.browserContext().close();
  });

  test('the admin signs in, creates a store with a new owner, finds it and edits it', async () => {
    const page = await freshPage();
    await signIn(page, 'admin', 'admin', 'admin123');
    assert.equal(page.url(), `${URL}/admin`);
    assert.equal(await text(page, 'h1'), 'Dashboard');
    const counts = await page.$$eval('.cards li', (els) => els.map((e) => e.textContent));
    assert.ok(counts.some((c) => c.includes('Stores')), 'the dashboard counts stores');
    await shot(page, 'admin-dashboard');

    await page.goto(`${URL}/admin/stores`);
    assert.equal(await text(page, 'h1'), 'Stores');
    await shot(page, 'admin-stores');

    await Promise.all([page.waitForNavigation(), page.click('a[href="/admin/stores/new"]')]);
    // A broken rule is shown next to its field.
    await fill(page, {
      code: 'BROWSER1', name: 'Browser Shop', subdomain: 'x', theme_preset: 'classic',
      owner: 'browser.owner@example.com',
    });
    let resp = await submit(page, 'main form');
    assert.equal(resp.status(), 422);
    assert.match(await text(page, '#subdomain-error'), /3 to 63/);
    await shot(page, 'admin-store-form-errors');

    await fill(page, { subdomain: 'browser-shop' });
    resp = await submit(page, 'main form');
    assert.equal(resp.status(), 200);
    state.token = await text(page, '#invitation-token');
    assert.match(state.token, /^[0-9a-f]{64}$/);
    const edit = await page.$eval('a[href$="/edit"]', (a) => a.getAttribute('href'));
    state.storeId = edit.split('/')[3];
    await shot(page, 'admin-store');

    await page.goto(`${URL}/admin/stores?q=browser`);
    const rows = await page.$$eval('tbody tr', (trs) => trs.map((tr) => tr.textContent));
    assert.equal(rows.length, 1);
    assert.match(rows[0], /BROWSER1/);
    assert.match(rows[0], /browser\.owner@example\.com/);

    await page.goto(`${URL}${edit}`);
    await fill(page, { name: 'Browser Shop Renamed' });
    await submit(page, 'main form');
    assert.match(page.url(), /done=updated$/);
    assert.match(await text(page, 'h1'), /Browser Shop Renamed/);
    assert.equal(await text(page, '.notice'), 'The store was saved.');
    await page.browserContext().close();
  });

  test('the new owner accepts the invitation and sees only that store', async () => {
    assert.ok(state.token, 'the store was created above');
    const page = await freshPage();
    await page.goto(`${URL}/store/invitations/accept`);
    await fill(page, { token: state.token, password: 'browser-owner-pass-1' });
    const resp = await submit(page, 'main form');
    assert.equal(resp.status(), 200);
    assert.match(await text(page, '.notice'), /browser\.owner@example\.com/);

    await signIn(page, 'store', 'browser.owner@example.com', 'browser-owner-pass-1');
    assert.equal(page.url(), `${URL}/store`);
    const rows = await page.$$eval('tbody tr', (trs) => trs.map((tr) => tr.textContent));
    assert.equal(rows.length, 1);
    assert.match(rows[0], /BROWSER1/);
    assert.match(rows[0], /owner/);
    await page.browserContext().close();
  });

  test('store1 cannot reach store 2 by editing the URL', async () => {
    const page = await freshPage();
    await signIn(page, 'store', 'store1@example.com', 'password123');
    assert.equal(page.url(), `${URL}/store`);
    await shot(page, 'store-my-stores');
    await page.goto(`${URL}/store/stores/1`);
    await shot(page, 'store-overview');
    let resp = await page.goto(`${URL}/store/stores/1/products`);
    assert.equal(resp.status(), 200);
    assert.equal(await text(page, 'h1'), 'Products');
    await shot(page, 'store-products');
    for (const path of ['/store/stores/2', '/store/stores/2/products', '/store/stores/2/orders']) {
      resp = await page.goto(`${URL}${path}`);
      assert.equal(resp.status(), 404, path);
      const body = await page.$eval('body', (b) => b.textContent);
      assert.doesNotMatch(body, /URBANTHREADS|Urban/i, path);
    }
    // The same pages on a phone-sized screen.
    await page.setViewport({ width: 390, height: 844 });
    await page.goto(`${URL}/store/stores/1/products`);
    await shot(page, 'store-products-phone');
    await page.browserContext().close();
  });

  test('sign-out ends the session: back and reload land on the sign-in page', async () => {
    const page = await freshPage();
    await signIn(page, 'admin', 'admin', 'admin123');
    await page.goto(`${URL}/admin/stores`);
    await Promise.all([page.waitForNavigation(), page.click('form.signout button')]);
    assert.equal(page.url(), `${URL}/admin/login`);
    const cookies = await page.cookies(URL);
    assert.equal(cookies.filter((c) => c.name === '__Host-wz_session').length, 0);
    await page.goBack();
    assert.equal(page.url(), `${URL}/admin/login`);
    await page.goto(`${URL}/admin/stores`);
    assert.equal(page.url(), `${URL}/admin/login`);
    await page.reload();
    assert.equal(page.url(), `${URL}/admin/login`);
    await page.browserContext().close();
  });
});
