import { expect, test, type Page } from '@playwright/test';
import { main, uniqueEmail } from './support/accounts';
import { shopUrl } from './support/hosts';
import { latestEmailTo, linkIn } from './support/mailbox';

const OWNER = { email: 'owner@acme.test', password: 'storefleet-demo' };

async function signInToDashboard(page: Page, shop: string, email: string, password: string): Promise<void> {
  await page.goto(shopUrl(shop, '/dashboard'));
  await expect(page).toHaveURL(/\/dashboard\/sign-in\?callbackUrl=%2Fdashboard$/);
  await main(page).getByLabel('Email address').fill(email);
  await main(page).getByLabel('Password').fill(password);
  await main(page).getByRole('button', { name: 'Sign in to the dashboard' }).click();
}

test.describe('Shop dashboard', () => {
  test('the owner signs in on their own host and sees the overview', async ({ page }) => {
    await signInToDashboard(page, 'acme', OWNER.email, OWNER.password);
    await expect(page).toHaveURL(shopUrl('acme', '/dashboard'));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Overview');
    await expect(page.getByTestId('staff-name')).toContainText('owner');
    await expect(page.getByTestId('stat-today')).toContainText('€');
    await expect(page.getByTestId('stat-month')).toContainText(/\d+ orders?/);
    await expect(page.getByRole('img', { name: 'Sales per day, last 30 days' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Overview' })).toHaveAttribute('aria-current', 'page');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/dashboard\/sign-in/);
    await page.goto(shopUrl('acme', '/dashboard'));
    await expect(page).toHaveURL(/\/dashboard\/sign-in/);
  });

  test('a wrong password, or an owner of another shop, is refused with one message', async ({ page }) => {
    await signInToDashboard(page, 'acme', OWNER.email, 'not the password');
    await expect(main(page).getByRole('alert')).toContainText('The email address or password is not correct.');
    await expect(main(page).getByLabel('Email address')).toHaveValue(OWNER.email);

    await signInToDashboard(page, 'consumer', OWNER.email, OWNER.password);
    await expect(main(page).getByRole('alert')).toContainText('The email address or password is not correct.');
  });

  test('a staff session of one shop opens nothing of another shop’s dashboard', async ({ page, browser }) => {
    await signInToDashboard(page, 'acme', OWNER.email, OWNER.password);
    await expect(page).toHaveURL(shopUrl('acme', '/dashboard'));
    const session = (await page.context().cookies(shopUrl('acme'))).filter((c) => c.name.startsWith('storefleet-staff.session-token'));
    expect(session.length, 'a staff session cookie was set').toBeGreaterThan(0);
    for (const cookie of session) {
      expect(cookie.domain).toBe('acme.localhost');
      expect(cookie.httpOnly).toBe(true);
    }
    // The customer side of the same shop does not see a signed-in customer.
    await page.goto(shopUrl('acme', '/account'));
    await expect(page).toHaveURL(/\/account\/sign-in/);

    const other = await browser.newContext();
    try {
      await other.addCookies(session.map((c) => ({ name: c.name, value: c.value, url: shopUrl('consumer') })));
      const stranger = await other.newPage();
      const pages = [
        '/dashboard',
        '/dashboard/orders',
        '/dashboard/orders/1',
        '/dashboard/customers',
        '/dashboard/prices',
        '/dashboard/assortment',
        '/dashboard/coupons',
        '/dashboard/branding',
        '/dashboard/settings',
        '/dashboard/staff',
      ];
      for (const path of pages) {
        const response = await stranger.goto(shopUrl('consumer', path));
        expect(response?.status(), `${path} on another shop`).toBe(404);
        await expect(stranger.getByText('Overview')).toHaveCount(0);
      }
    } finally {
      await other.close();
    }
  });

  test('the owner invites a member of staff, who joins by the emailed link and can work but not manage the team', async ({ page, browser }) => {
    await signInToDashboard(page, 'acme', OWNER.email, OWNER.password);
    await expect(page).toHaveURL(shopUrl('acme', '/dashboard'));
    await page.goto(shopUrl('acme', '/dashboard/staff'));
    const email = uniqueEmail('staff');
    await main(page).getByLabel('Email address').fill(email);
    await main(page).getByRole('button', { name: 'Send invitation' }).click();
    await expect(main(page).getByText(`We emailed an invitation to ${email}.`)).toBeVisible();
    await expect(page.getByTestId('staff-invitations')).toContainText(email);

    const invitation = await latestEmailTo(email, { subject: 'You are invited to run ACME Wheels with us' });
    const link = linkIn(invitation, /\/dashboard\/invite\//);
    const other = await browser.newContext();
    try {
      const invitee = await other.newPage();
      await invitee.goto(link);
      await main(invitee).getByLabel('Your name').fill('Stan Staff');
      await main(invitee).getByLabel('Choose a password').fill('stan staff password');
      await main(invitee).getByRole('button', { name: 'Join the team' }).click();
      await expect(invitee).toHaveURL(/\/dashboard\/sign-in\?invited=1/);
      await main(invitee).getByLabel('Email address').fill(email);
      await main(invitee).getByLabel('Password').fill('stan staff password');
      await main(invitee).getByRole('button', { name: 'Sign in to the dashboard' }).click();
      await expect(invitee.getByTestId('staff-name')).toContainText('Stan Staff (staff)');
      await invitee.goto(shopUrl('acme', '/dashboard/staff'));
      await expect(main(invitee).getByText('Only the shop’s owners can invite or remove staff.')).toBeVisible();
      // The link is used up.
      await invitee.goto(link);
      await expect(main(invitee).getByRole('alert')).toContainText('This invitation is no longer valid');
    } finally {
      await other.close();
    }
    await page.reload();
    await expect(page.getByTestId('staff-members')).toContainText('Stan Staff');
  });

  test('a signed-out visit to a deep dashboard link comes back to it after signing in', async ({ page }) => {
    await page.goto(shopUrl('acme', '/dashboard/orders?status=cancelled'));
    await expect(page).toHaveURL(/\/dashboard\/sign-in\?callbackUrl=%2Fdashboard%2Forders%3Fstatus%3Dcancelled$/);
    await main(page).getByLabel('Email address').fill(OWNER.email);
    await main(page).getByLabel('Password').fill(OWNER.password);
    await main(page).getByRole('button', { name: 'Sign in to the dashboard' }).click();
    await expect(page).toHaveURL(shopUrl('acme', '/dashboard/orders?status=cancelled'));
  });
});
