// Headless Debian Chromium driven by playwright-core (no browser download), confined to one origin:
// every request to any other host is aborted.
import { chromium } from 'playwright-core';

export async function openBrowser(origin) {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  // As a person using VS Code in a browser would allow once: paste detection compares with the clipboard.
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const allowed = new URL(origin).host;
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if ((url.protocol === 'http:' || url.protocol === 'ws:') && url.host === allowed) return route.continue();
    if (url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
    return route.abort();
  });
  const page = await context.newPage();
  return { browser, context, page };
}
