/**
 * virtxml in a real browser: pages bundled from the package as an application would bundle them
 * (bench/browser.ts), served over HTTP and run in headless Chromium. Skipped, saying why, where
 * Chromium is not installed (Debian: `apt-get install chromium`).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundlePage } from '../../bench/browser.js';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(existsSync);

const DOMAIN = "<domain type='kvm'>\n  <name>web01</name>\n  <memory unit='GiB'>4</memory>\n  <os>\n    <type arch='x86_64'>hvm</type>\n  </os>\n</domain>\n";

interface Served {
  readonly url: string;
  /** Paths the browser asked for, in order. */
  readonly requests: string[];
  readonly server: Server;
  readonly dir: string;
}

const servers: Server[] = [];
const cleanups: (() => void)[] = [];
afterAll(() => {
  for (const s of servers) s.close();
  for (const c of cleanups) c();
});

/** Serves `dir`, with `headers` on the HTML page (a Content-Security-Policy, for instance). */
async function serve(dir: string, headers: Record<string, string> = {}): Promise<Served> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push(path);
    const file = join(dir, normalize(path === '/' ? '/index.html' : path));
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    const type = extname(file) === '.html' ? 'text/html' : 'text/javascript';
    res.writeHead(200, { 'content-type': `${type}; charset=utf-8`, ...(type === 'text/html' ? headers : {}) });
    res.end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, requests, server, dir };
}

/** Bundles `script` into a page that shows what it reports in `<pre id="out">`, and serves it. */
async function page(script: string, headers: Record<string, string> = {}): Promise<Served> {
  const page = await bundlePage({ script, minify: true });
  cleanups.push(page.cleanup);
  writeFileSync(join(page.outDir, 'index.html'), '<!doctype html><html><body><pre id="out">not run</pre><script type="module" src="page.js"></script></body></html>\n');
  return serve(page.outDir, headers);
}

/** What the page wrote into `<pre id="out">` once loaded, as Chromium's DOM shows it. */
async function run(url: string): Promise<string> {
  // Asynchronously: the server answering Chromium runs in this process.
  const args = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--virtual-time-budget=20000', '--dump-dom', url];
  const r = await promisify(execFile)(CHROMIUM!, args, { encoding: 'utf8', timeout: 120_000 });
  const out = /<pre id="out">([\s\S]*?)<\/pre>/.exec(r.stdout)?.[1];
  if (out === undefined) throw new Error(`no page output from Chromium:\n${r.stdout}\n${r.stderr}`);
  return out.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

const REPORT = `const out = document.getElementById('out');
const report = (value) => { out.textContent = JSON.stringify(value); };
window.addEventListener('error', (e) => report({ error: String(e.message) }));
`;

describe.skipIf(CHROMIUM === undefined)('in headless Chromium', () => {
  it('validates a domain, fetching the domain grammar and no other', async () => {
    const served = await page(`import { validate, validateAsync } from 'virtxml/validate';
${REPORT}
try {
  const first = await validateAsync(${JSON.stringify(DOMAIN)});
  const wrong = validate(${JSON.stringify(DOMAIN.replace("type='kvm'", "type='kvmm'"))});
  report({ first: first.valid, wrong: wrong.diagnostics.map((d) => d.message) });
} catch (e) {
  report({ error: String(e) });
}
`);
    const result = JSON.parse(await run(served.url)) as { first: boolean; wrong: string[]; error?: string };
    expect(result.error).toBeUndefined();
    expect(result.first).toBe(true);
    expect(result.wrong[0]).toContain('did you mean "kvm"?');
    const scripts = served.requests.filter((p) => p.endsWith('.js'));
    // A chunk holding a grammar table holds its JSON text: {"format":"virtxml-grammar/1","libvirt":…
    const grammars = scripts.filter((p) => /format\\?":\\?"virtxml-grammar\/1/.test(readFileSync(join(served.dir, p), 'utf8')));
    expect(grammars).toHaveLength(1);
    expect(readFileSync(join(served.dir, grammars[0]!), 'utf8')).toMatch(/libvirt\\?":\\?"11\.3\.0\\?",\\?"root\\?":\\?"domain\\?"/);
  });

  const MODEL_PAGE = `import { formatDomain, parseDomain, validateAsync, validateModel, ModelValidationUnavailableError } from 'virtxml';
${REPORT}
try {
  const xml = ${JSON.stringify(DOMAIN)};
  const model = parseDomain(xml);
  const formatted = formatDomain(model);
  const valid = (await validateAsync(formatted)).valid;
  let modelResult;
  try {
    modelResult = { valid: validateModel(JSON.parse(JSON.stringify(model)), 'domain').valid };
  } catch (e) {
    modelResult = { error: e.name, unavailable: e instanceof ModelValidationUnavailableError, message: e.message };
  }
  report({ roundTrip: formatted === xml, valid, model: modelResult });
} catch (e) {
  report({ error: String(e) });
}
`;

  interface ModelPageResult {
    roundTrip: boolean;
    valid: boolean;
    model: { valid?: boolean; error?: string; unavailable?: boolean; message?: string };
    error?: string;
  }

  it("runs parse, format, validate and validateModel on a page that allows 'unsafe-eval'", async () => {
    const served = await page(MODEL_PAGE);
    const result = JSON.parse(await run(served.url)) as ModelPageResult;
    expect(result).toEqual({ roundTrip: true, valid: true, model: { valid: true } });
  });

  it("says clearly that validateModel cannot run under a CSP without 'unsafe-eval', while the rest works", async () => {
    const served = await page(MODEL_PAGE, { 'content-security-policy': "default-src 'self'; script-src 'self'" });
    const result = JSON.parse(await run(served.url)) as ModelPageResult;
    expect(result.error).toBeUndefined();
    expect(result.roundTrip).toBe(true);
    expect(result.valid).toBe(true);
    expect(result.model).toMatchObject({ error: 'ModelValidationUnavailableError', unavailable: true });
    expect(result.model.message).toContain("Content Security Policy forbids (its script-src has no 'unsafe-eval')");
    expect(result.model.message).toContain('validate(format(model))');
  });
});

