import { expect, test, type Browser, type Page } from '@playwright/test';
import { field, fieldError, formAlert, main, uniqueEmail } from './support/accounts';
import { waitForHydration } from './support/catalog';
import { signInToDashboard } from './support/dashboard';
import { shopUrl } from './support/hosts';
import { latestEmailTo, linkIn } from './support/mailbox';

const FIRST_PASSWORD = 'first staff password';
const NEW_PASSWORD = 'second staff password';

/** The owner invites a new member of staff, who joins: an account of its own, so the demo owner's password stays. */
async function newStaffMember(page: Page, browser: Browser): Promise<string> {
  const email = uniqueEmail('pw-staff');
  await signInToDashboard(page, 'acme', '/dashboard/staff');
  await main(page).getByLabel('Email address').fill(email);
  await main(page).getByRole('button', { name: 'Send invitation' }).click();
  await expect(main(page).getByText(`We emailed an invitation to ${email}.`)).toBeVisible();
  const link = linkIn(await latestEmailTo(email, { subject: 'You are invited to run ACME Wheels with us' }), /\/dashboard\/invite\//);
  const context = await browser.newContext();
  const invitee = await context.newPage();
  await invitee.goto(link);
  await main(invitee).getByLabel('Your name').fill('Pat Password');
  await main(invitee).getByLabel('Choose a password').fill(FIRST_PASSWORD);
  await main(invitee).getByRole('button', { name: 'Join the team' }).click();
  await expect(invitee).toHaveURL(/\/dashboard\/sign-in\?invited=1/);
  await context.close();
  return email;
}

async function staffSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto(shopUrl('acme', '/dashboard/sign-in'));
  const submit = main(page).getByRole('button', { name: 'Sign in to the dashboard' });
  await waitForHydration(submit);
  await field(page, 'email').fill(email);
  await field(page, 'password').fill(password);
  await submit.click();
}

test('a member of staff changes their password: current one first, clear errors, and every session ends', async ({ page, browser }) => {
  const email = await newStaffMember(page, browser);
  const office = await (await browser.newContext()).newPage();
  const home = await (await browser.newContext()).newPage();
  for (const session of [office, home]) {
    await staffSignIn(session, email, FIRST_PASSWORD);
    await expect(session.getByTestId('staff-name')).toContainText('Pat Password');
  }

  await office.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Your account' }).click();
  await expect(office.getByRole('heading', { level: 1 })).toHaveText('Your account');
  const submit = main(office).getByRole('button', { name: 'Change password' });
  await waitForHydration(submit);
  const fill = async (current: string, next: string, again: string) => {
    await field(office, 'currentPassword').fill(current);
    await field(office, 'newPassword').fill(next);
    await field(office, 'confirmPassword').fill(again);
    await submit.click();
  };

  await fill('not my password', NEW_PASSWORD, NEW_PASSWORD);
  await expect(fieldError(office, 'currentPassword')).toHaveText('That is not your current password.');
  await expect(field(office, 'currentPassword')).toHaveAttribute('aria-invalid', 'true');
  await fill(FIRST_PASSWORD, 'short', 'short');
  await expect(fieldError(office, 'newPassword')).toHaveText('Use at least 10 characters.');
  await fill(FIRST_PASSWORD, NEW_PASSWORD, 'something else entirely');
  await expect(fieldError(office, 'confirmPassword')).toHaveText('The two new passwords differ.');

  await fill(FIRST_PASSWORD, NEW_PASSWORD, NEW_PASSWORD);
  await expect(office).toHaveURL(/\/dashboard\/sign-in\?password=changed$/);
  await expect(main(office).getByRole('status')).toContainText('Your password is changed');

  // The other device's session, signed in before the change, is over on its next request.
  await home.goto(shopUrl('acme', '/dashboard/orders'));
  await expect(home).toHaveURL(/\/dashboard\/sign-in\?callbackUrl=%2Fdashboard%2Forders$/);

  await staffSignIn(office, email, FIRST_PASSWORD);
  await expect(formAlert(office)).toContainText('The email address or password is not correct.');
  await staffSignIn(office, email, NEW_PASSWORD);
  await expect(office.getByTestId('staff-name')).toContainText('Pat Password');
});
