// Drives the demo's live console in a real browser: Debian's chromium, headless, through
// playwright-core. Opens the page, sends from both forms (one body "fail", which the consuming
// bean gives up on), and waits, each time up to a deadline, until the counts, the chart and the
// dead-letter count show it without a reload. Saves a screenshot either way.
//
//   node console-page.js <page url> <screenshot.png> [chromium]
//
// Prints one JSON line, {"ok":true,...} or {"ok":false,"error":...}; exits 1 on failure.
'use strict';

const { chromium } = require('playwright-core');

const [url, screenshot, executable = '/usr/bin/chromium'] = process.argv.slice(2);
const DEADLINE_MILLIS = 60_000;
const LISTENER_COUNT = 200;
const BROKER_COUNT = 50;

/** The figures the page shows, as a person reads them. */
function readPage() {
  const value = id => Number(document.getElementById(id).textContent.replace(/[^0-9]/g, '') || 'NaN');
  const chart = document.getElementById('rate-chart');
  const out = chart.querySelector('polyline.out');
  return {
    sent: value('sent'),
    received: value('received'),
    deadLettered: value('dead-lettered'),
    samples: Number(chart.dataset.samples || 0),
    peakOut: Number(chart.dataset.peakOut || 0),
    peakIn: Number(chart.dataset.peakIn || 0),
    chartOut: Number(chart.dataset.messagesOut || 0),
    chartIn: Number(chart.dataset.messagesIn || 0),
    outLine: out ? out.getAttribute('points') : '',
    health: document.getElementById('health').textContent,
    events: [...document.querySelectorAll('#events li .text')].map(e => e.textContent),
    resources: [...document.querySelectorAll('#resources tr')].map(r => r.textContent),
    untouched: window.consoleTestMarker === true,
  };
}

/** Sends from the form for {@code via} and waits for the line that says every message was accepted. */
async function send(page, via, count, body) {
  const form = page.locator(`form[data-via="${via}"]`);
  await form.locator('input[name=count]').fill(String(count));
  await form.locator('input[name=body]').fill(body);
  await form.locator('button').click();
  const expected = new RegExp(`^Sent ${count} to .*ACCEPTED=${count}`);
  await page.waitForFunction(re => new RegExp(re).test(document.getElementById('send-result').textContent),
      expected.source, { timeout: DEADLINE_MILLIS });
  return page.locator('#send-result').textContent();
}

/** Waits until the page's figures satisfy {@code test}, saying what it waited for if they never do. */
async function until(page, what, test) {
  const deadline = Date.now() + DEADLINE_MILLIS;
  let seen;
  while (Date.now() < deadline) {
    seen = await page.evaluate(readPage);
    if (test(seen)) return seen;
    await page.waitForTimeout(200);
  }
  throw new Error(`the page never showed ${what} within ${DEADLINE_MILLIS} ms; it showed ${JSON.stringify(seen)}`);
}

async function main() {
  const browser = await chromium.launch({
    executablePath: executable,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const errors = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('pageerror', e => errors.push(String(e)));
    try {
      return await exercise(page, errors);
    } finally {
      await page.screenshot({ path: screenshot, fullPage: true });
    }
  } finally {
    await browser.close();
  }
}

async function exercise(page, errors) {
  const started = Date.now();
  await page.goto(url, { timeout: DEADLINE_MILLIS });
  // Gone if anything reloads the page.
  await page.evaluate(() => { window.consoleTestMarker = true; });
  const before = await until(page, 'its first samples', p => p.samples >= 2 && Number.isFinite(p.sent));
  const results = [
    await send(page, 'listener', LISTENER_COUNT, 'hello'),
    await send(page, 'broker', BROKER_COUNT, 'order'),
    await send(page, 'broker', 1, 'fail'),
  ];
  // Each message sent is received at least once; the one that fails, three times.
  const total = LISTENER_COUNT + BROKER_COUNT + 1;
  const after = await until(page, 'the messages in its counts and under its chart\'s curves', p =>
      p.sent >= before.sent + total && p.received >= before.received + total
      && p.chartOut >= before.chartOut + total && p.chartIn >= before.chartIn + total
      && p.outLine !== before.outLine);
  const dead = await until(page, 'the message given up on as dead-lettered',
      p => p.deadLettered >= before.deadLettered + 1);
  const problems = [];
  if (!dead.untouched) problems.push('the page was reloaded');
  if (errors.length) problems.push(`script errors: ${errors.join('; ')}`);
  if (!dead.events.length) problems.push('no events listed');
  if (dead.events.some(e => e.includes('Record[') || /\w+\[\w+=/.test(e))) problems.push('raw records among the events');
  if (!dead.resources.some(r => r.includes('DemoConsumer') && r.includes('open'))) {
    problems.push(`the consuming bean is not shown open: ${JSON.stringify(dead.resources)}`);
  }
  if (problems.length) throw new Error(problems.join('; '));
  return {
    ok: true, millis: Date.now() - started, results,
    before: { sent: before.sent, received: before.received, chartOut: before.chartOut, chartIn: before.chartIn,
      deadLettered: before.deadLettered },
    after: { sent: after.sent, received: after.received, chartOut: after.chartOut, chartIn: after.chartIn,
      peakOut: after.peakOut, peakIn: after.peakIn, deadLettered: dead.deadLettered },
    events: dead.events.length, health: dead.health,
  };
}

main().then(summary => {
  console.log(JSON.stringify(summary));
}, e => {
  console.log(JSON.stringify({ ok: false, error: String(e && e.message || e) }));
  process.exitCode = 1;
});
