// Search by kind: a reader types what a place is (学校, 医院, 公园, school, park, 地铁) and
// finds the features of that kind, after the features so named.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openApp } from './harness.js';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const resultIds = (page) => page.locator('#search-results [role="option"][data-id]')
  .evaluateAll((els) => els.map((e) => e.dataset.id));

test('typing a kind shows the features of that kind', async () => {
  const { page, context, errors } = await openApp(browser, server.url, { viewport: { width: 1280, height: 800 } });
  const input = page.locator('#search-input');
  for (const [query, expected] of [
    ['学校', ['project.lixin-experimental-school', 'project.schools-and-kindergartens']],
    ['school', ['project.lixin-experimental-school', 'project.schools-and-kindergartens']],
    ['医院', ['project.lingxiucheng-community-hospital']],
    ['公园', ['project.renewal-zhongshan-park']],
    ['park', ['project.renewal-zhongshan-park']],
    ['地铁', ['metro.yufuhe', 'metro.wangfuzhuang', 'metro.zhaoying']],
  ]) {
    await input.fill('');
    await input.fill(query);
    await page.locator(`#search-results [role="option"][data-id="${expected[0]}"]`).waitFor();
    const ids = await resultIds(page);
    for (const id of expected) assert.ok(ids.includes(id), `${query}: ${id} in ${ids}`);
  }
  // Choosing one opens its card.
  await input.fill('学校');
  await page.locator('#search-results [data-id="project.lixin-experimental-school"]').click();
  await page.locator('article.card[data-id="project.lixin-experimental-school"]').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
