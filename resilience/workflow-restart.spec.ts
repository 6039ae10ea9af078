import { expect, test, type Page } from '@playwright/test';
import { addAddress, main, signIn } from '../e2e/support/accounts';
import { waitForHydration } from '../e2e/support/catalog';
import { shopUrl } from '../e2e/support/hosts';
import { emailsTo } from '../e2e/support/mailbox';
import type { InngestTestRun } from '../tests/support/inngest-executor';
import { AppStack } from './support/app-stack';
import { addFirstProductToCart } from '../e2e/support/cart';

/**
 * The order workflow survives the app dying under it. The app runs as a real process; it is killed with
 * SIGKILL (no shutdown, nothing flushed) twice while an order is under way, once while the order waits
 * for its payment and once between two attempts of the warehouse step, and started again. The engine
 * (the test executor in real time, backing off between retries like Inngest) keeps the run; the order
 * must end shipped, with every email sent once and one parcel.
 */

const PORT = Number(process.env.E2E_PORT ?? 3100);
const BUYER = { email: 'buyer@acme.test', password: 'storefleet-demo' };

const stack = new AppStack({
  name: 'workflow-restart',
  port: PORT,
  mailPort: Number(process.env.E2E_MAIL_PORT ?? 3199),
  enginePort: Number(process.env.E2E_INNGEST_PORT ?? 3198),
});

test.beforeAll(async () => {
  test.setTimeout(900_000);
  // ACME's warehouse fails the first attempt of every request, so the run is between two attempts of a
  // step for a while (the engine backs off a second) when the app is killed the second time.
  await stack.setUp([['tsx', 'resilience/support/set-warehouse.ts', 'acme', 'fail_temporarily', '1']]);
  await stack.startApp();
});

test.afterAll(async () => {
  await stack.tearDown();
});

async function orderRun(orderId?: string): Promise<InngestTestRun | undefined> {
  const runs = (await stack.runs()).filter((run) => run.fnId === 'order-workflow' && (!orderId || run.event.data.orderId === orderId));
  return runs.at(-1);
}

/** Polls the engine until the order's run satisfies `ready`, and returns it. */
async function waitForRun(orderId: string | undefined, what: string, ready: (run: InngestTestRun) => boolean, timeout = 30_000): Promise<InngestTestRun> {
  let found: InngestTestRun | undefined;
  await expect
    .poll(
      async () => {
        found = await orderRun(orderId);
        return found !== undefined && ready(found);
      },
      { message: what, timeout, intervals: [50] },
    )
    .toBe(true);
  return found!;
}

async function placeCardOrder(page: Page): Promise<void> {
  await signIn(page, 'acme', BUYER.email, BUYER.password);
  await expect(page).not.toHaveURL(/sign-in/);
  await page.goto(shopUrl('acme', '/account'));
  await addAddress(page, { recipient: 'Demo Garage', street: 'Kerkstraat 1', postalCode: '2000', city: 'Antwerpen' });
  await addFirstProductToCart(page, 'acme', '/products?stock=1', 2);

  await page.goto(shopUrl('acme', '/checkout'));
  const place = main(page).getByRole('button', { name: /Place order/ });
  await waitForHydration(place);
  await main(page).getByLabel('Card (secure payment page)').check();
  await place.click();
  await expect(page).toHaveURL(/\/pay\/sandbox\/[0-9a-f-]{36}$/);
}

test('an order survives the app being killed while it waits for payment and between two step attempts', async ({ page }) => {
  test.setTimeout(180_000);
  await placeCardOrder(page);

  // The workflow confirmed the order and waits for the payment: kill the app there.
  const waiting = await waitForRun(undefined, 'the order workflow waits for the payment', (run) => run.status === 'waiting');
  const orderId = String(waiting.event.data.orderId);
  await stack.crashApp();
  await stack.startApp();

  // The buyer, still on the payment page, pays once the shop answers again.
  await page.reload();
  const pay = main(page).getByRole('button', { name: /^Pay / });
  await waitForHydration(pay);
  await pay.click();
  await expect(page).toHaveURL(/\/account\/orders\/\d+\?placed=1$/);
  const orderNumber = /\/account\/orders\/(\d+)/.exec(page.url())![1]!;

  // The warehouse's first attempt fails; while the engine waits to retry, the app dies again.
  await waitForRun(orderId, 'the warehouse step failed once', (run) => run.steps.some((s) => s.id === 'request-shipment' && s.outcome === 'error'));
  await stack.crashApp();
  // Down long enough for the engine's next attempt to find nobody there.
  await waitForRun(orderId, 'an attempt found the app down', (run) => run.failedRequests.some((f) => f.status === 0), 20_000);
  await stack.startApp();

  const done = await waitForRun(orderId, 'the order workflow completed', (run) => run.status === 'completed', 60_000);
  const output = done.output as { outcome: string; trackingNumber: string };
  expect(output).toMatchObject({ outcome: 'shipped', trackingNumber: expect.stringMatching(/^SBX\d{12}$/) });
  expect(stack.starts).toBe(3);
  // Every run the order started ends, including one whose request the crash cut off mid-answer.
  await expect
    .poll(async () => (await stack.runs()).filter((run) => run.status !== 'completed').map((run) => `${run.fnId}: ${run.status}`), { timeout: 30_000 })
    .toEqual([]);
  // Each side effect took effect once: one shipment recorded, each email step succeeded once.
  const succeeded = done.steps.filter((s) => s.outcome === 'ok').map((s) => s.id);
  expect(succeeded.filter((id) => id === 'record-shipment')).toHaveLength(1);

  // What the buyer sees: the order shipped, one parcel, and each email exactly once.
  await page.goto(shopUrl('acme', `/account/orders/${orderNumber}`));
  await expect(main(page).getByTestId('order-status')).toHaveText('Shipped');
  await expect(main(page).getByTestId('order-shipment')).toHaveCount(1);
  await expect(main(page).getByTestId('order-shipment')).toContainText(output.trackingNumber);
  const subjects = (await emailsTo(BUYER.email)).map((email) => email.subject).filter((subject) => subject.includes(orderNumber));
  expect(subjects.sort()).toEqual(
    [`Order ${orderNumber} at ACME Wheels: thank you`, `Order ${orderNumber} has shipped`, `Payment received for order ${orderNumber}`].sort(),
  );
});
