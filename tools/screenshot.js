// Take screenshots of the built app: node tools/screenshot.js OUT.png [WIDTHxHEIGHT] [URL-SUFFIX]
// (serves dist/ itself; for looking at the app as a user would, not a test).
import { serve, launch, openApp } from '../e2e/harness.js';

const [out = '/tmp/shot.png', size = '1280x800', suffix = ''] = process.argv.slice(2);
const [width, height] = size.split('x').map(Number);
const server = await serve();
const browser = await launch();
try {
  const { page, errors } = await openApp(browser, server.url + suffix, { viewport: { width, height } });
  await page.waitForTimeout(300);
  await page.screenshot({ path: out });
  if (errors.length) console.error('console errors:', errors);
  console.log('wrote', out);
} finally {
  await browser.close();
  await server.close();
}
