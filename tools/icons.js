// Draws the app's PNG icons (public/icons/icon-192.png, icon-512.png, for the web app
// manifest and the home screen) from public/icon.svg with the tests' headless Chromium.
// Run after changing the icon:  node tools/icons.js   (the PNGs are committed)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import fs from 'node:fs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const svg = fs.readFileSync(path.join(ROOT, 'public/icon.svg'), 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  for (const size of [192, 512]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    await page.setContent(`<style>html,body{margin:0}</style><img src="${src}" width="${size}" height="${size}">`);
    await page.locator('img').evaluate((img) => img.decode());
    const out = path.join(ROOT, `public/icons/icon-${size}.png`);
    await page.screenshot({ path: out, omitBackground: true });
    console.log(`${path.relative(ROOT, out)}: ${size}×${size}, ${fs.statSync(out).size} bytes`);
    await page.close();
  }
} finally {
  await browser.close();
}
