import assert from 'node:assert/strict';
import { dashboardHtml } from '../../../src/core/dashboard/html';

describe('dashboard html', () => {
  const html = dashboardHtml({
    cspSource: 'https://webview.example',
    scriptUri: 'https://webview.example/dist/webview/main.js',
    styleUri: 'https://webview.example/dist/webview/dashboard.css',
    nonce: 'abc123==',
  });

  it('has a strict content security policy: default-src none, script only by nonce', () => {
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    assert.match(csp, /^default-src 'none';/);
    assert.match(csp, /script-src 'nonce-abc123=='/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
  });

  it('loads exactly one script, by nonce, and has no inline script', () => {
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    assert.equal(scripts.length, 1);
    assert.match(scripts[0], /nonce="abc123==" src="https:\/\/webview\.example\/dist\/webview\/main\.js"/);
    assert.match(html, /<script[^>]*><\/script>/);
  });

  it('has an empty state telling what to do', () => {
    assert.match(html, /No activity recorded yet/);
    assert.match(html, /Import AI Chat History/);
  });

  it('names the price data and its date beside the cost card', () => {
    assert.match(html, /id="kpi-cost"[^]*?<span class="muted small" id="kpi-cost-prices">prices: @pydantic\/genai-prices 0\.1\.8, data of 2026-09-23<\/span><\/div>/);
  });

  it('offers all time and a custom range beside the day ranges, and a way to all time from the note', () => {
    const options = [...(/<select id="range">([^]*?)<\/select>/.exec(html)?.[1] ?? '').matchAll(/value="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(options, ['7', '30', '90', '365', 'all', 'custom']);
    assert.match(html, /<input type="date" id="range-from">/);
    assert.match(html, /<input type="date" id="range-to">/);
    assert.match(html, /<p id="range-note" class="muted" hidden><span id="range-note-text"><\/span>\s*<button type="button" id="show-all-time">Show all time<\/button>/);
  });
});
