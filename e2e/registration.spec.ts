import { test, expect } from '@playwright/test';
import {
  accountStatus,
  daysFromNow,
  field,
  fieldError,
  fillRegistration,
  formAlert,
  longDate,
  main,
  openProductPage,
  orderBlocked,
  register,
  signIn,
  signInToOrder,
  uniqueEmail,
  type NewCustomer,
} from './support/accounts';
import { shopUrl } from './support/hosts';
import { emailsTo, latestEmailTo } from './support/mailbox';

/*
 * The demo shops follow the three registration flows of seed 001:
 * atraxion is B2B strict (VAT required, every account approved by hand),
 * acme is B2B with auto-approval (valid VAT and country BE or NL → active for 30 days),
 * consumer ("TyreDirect") is B2C open (no VAT, active at once).
 */
const VALID_BE_VAT = 'BE0417497106';
const VALID_DE_VAT = 'DE136695976';
const PASSWORD = 'correct-horse-battery';

function business(slug: string, extra: Partial<NewCustomer> = {}): NewCustomer {
  return {
    name: 'Sam Peeters',
    email: uniqueEmail(slug),
    password: PASSWORD,
    companyName: 'Peeters Banden BV',
    vatNumber: VALID_BE_VAT,
    countryCode: 'BE',
    ...extra,
  };
}

const PENDING = 'Your account is waiting for approval';
const ACTIVE = 'Your account is active';

test.describe('Customer registration', () => {
  test('B2B registration with approval', async ({ page }) => {
    // Given tenant "Atraxion" requires VAT and approval
    const customer = business('b2b-approval');
    await page.goto(shopUrl('atraxion', '/account/register'));
    await expect(main(page)).toContainText('Atraxion reviews every new account');

    // When I register as a new customer, and I enter a valid VAT number
    await register(page, 'atraxion', customer);

    // Then my account status should be "pending_approval"
    await expect(accountStatus(page)).toContainText(PENDING);
    await expect(page.getByTestId('approval-expiry')).toHaveCount(0);
    await expect(main(page).getByText(VALID_BE_VAT)).toBeVisible();

    // And I should not be able to place orders
    await openProductPage(page, 'atraxion');
    await expect(orderBlocked(page)).toBeVisible();
    await expect(orderBlocked(page)).toContainText(PENDING);
    await expect(signInToOrder(page)).toHaveCount(0);

    // The shop tells the customer by email, from its own address.
    const email = await latestEmailTo(customer.email);
    expect(email.from).toBe('"Atraxion" <info@atraxion.storefleet.test>');
    expect(email.subject).toBe('We received your registration at Atraxion');
  });

  test('B2B registration with auto-approval', async ({ page }) => {
    // Given tenant "ACME" has auto-approval enabled, and auto-approval requires valid VAT
    const customer = business('b2b-auto');

    // When I register with a valid Belgian VAT number
    const before = new Date();
    await register(page, 'acme', customer);

    // Then my account should be auto-approved
    await expect(accountStatus(page)).toContainText(ACTIVE);

    // And approval should expire in 30 days (31 when the calendar day turned during the test)
    const expiry = page.getByTestId('approval-expiry');
    await expect(expiry).toBeVisible();
    const text = await expiry.innerText();
    const accepted = [longDate(daysFromNow(30, before)), longDate(daysFromNow(30, new Date()))];
    expect(
      accepted.some((date) => text.includes(`until ${date}.`)),
      `"${text}" names one of ${accepted.join(', ')}`,
    ).toBe(true);

    // An approved account can order: nothing stands in its way on a product page.
    await openProductPage(page, 'acme');
    await expect(orderBlocked(page)).toHaveCount(0);
    await expect(signInToOrder(page)).toHaveCount(0);
    await expect(page.getByTestId('account-link')).toContainText(customer.name);
  });

  test('B2B registration with auto-approval: a company outside Belgium and the Netherlands waits for review', async ({ page }) => {
    const customer = business('b2b-auto-de', { name: 'Jonas Müller', companyName: 'Müller Reifen GmbH', vatNumber: VALID_DE_VAT, countryCode: 'DE' });
    await register(page, 'acme', customer);

    await expect(accountStatus(page)).toContainText(PENDING);
    await expect(page.getByTestId('approval-expiry')).toHaveCount(0);
    await openProductPage(page, 'acme');
    await expect(orderBlocked(page)).toBeVisible();
  });

  test('B2C registration', async ({ page }) => {
    // Given tenant "CONSUMER" requires neither VAT nor approval
    await page.goto(shopUrl('consumer', '/account/register'));
    await expect(main(page)).toContainText('Your account is ready as soon as you sign up.');
    await expect(main(page).getByText('Company (optional)')).toBeVisible();

    // When I register as a new customer (no company, no VAT number)
    const customer: NewCustomer = { name: 'Lotte Janssens', email: uniqueEmail('b2c'), password: PASSWORD };
    await register(page, 'consumer', customer);

    // Then my account should be immediately active
    await expect(accountStatus(page)).toContainText(ACTIVE);
    await expect(page.getByTestId('approval-expiry')).toHaveCount(0);
    await expect(page.getByTestId('account-link')).toContainText(customer.name);

    // And I should be able to place orders
    await openProductPage(page, 'consumer');
    await expect(orderBlocked(page)).toHaveCount(0);
    await expect(signInToOrder(page)).toHaveCount(0);
    await expect(page.getByTestId('account-link')).toContainText(customer.name);

    const email = await latestEmailTo(customer.email);
    expect(email.subject).toBe('Welcome to TyreDirect');
    expect(email.from).toBe('"TyreDirect" <info@consumer.storefleet.test>');
  });

  test('Email from address', async ({ page }) => {
    // Given I am a customer of tenant "ACME"
    const customer = business('email-from');
    await register(page, 'acme', customer);

    // Then I should receive an email from "info@acme.<EMAIL_DOMAIN>", replies going to the shop too
    const email = await latestEmailTo(customer.email);
    expect(email.from).toBe('"ACME Wheels" <info@acme.storefleet.test>');
    expect(email.reply_to).toBe('info@acme.storefleet.test');
    expect(email.to).toBe(customer.email);
    expect(email.subject).toBe('Your account at ACME Wheels is approved');
    expect(email.html).toContain('ACME Wheels');
    expect(email.html).not.toContain('Atraxion');
    // Sent through the real Resend SDK, with a per-tenant idempotency key.
    expect(email.headers.authorization).toBe('Bearer re_e2e_test');
    expect(String(email.headers['idempotency-key'])).toMatch(/^[0-9a-f-]{36}:registration:/);
  });

  test('a mistake in the form loses nothing the customer typed and creates no account', async ({ page }) => {
    const customer = business('bad-input', { name: 'Els Maes', companyName: 'Maes Autobanden', vatNumber: 'BE0417497107', password: 'short' });
    await fillRegistration(page, 'atraxion', customer);
    await main(page).getByRole('button', { name: 'Create account' }).click();

    // Every mistake at once, next to its field.
    await expect(formAlert(page)).toHaveText('Please check the highlighted fields.');
    await expect(fieldError(page, 'vatNumber')).toContainText('not a valid Belgian VAT number');
    await expect(field(page, 'vatNumber')).toHaveAttribute('aria-invalid', 'true');
    await expect(fieldError(page, 'password')).toHaveText('Use at least 10 characters.');
    await expect(field(page, 'password')).toHaveAttribute('aria-invalid', 'true');
    await expect(fieldError(page, 'name')).toHaveCount(0);
    await expect(fieldError(page, 'email')).toHaveCount(0);

    // What was typed is still there (the password excepted), so only the mistakes need fixing.
    await expect(field(page, 'name')).toHaveValue(customer.name);
    await expect(field(page, 'email')).toHaveValue(customer.email);
    await expect(field(page, 'companyName')).toHaveValue(customer.companyName!);
    await expect(field(page, 'vatNumber')).toHaveValue('BE0417497107');
    await expect(field(page, 'countryCode')).toHaveValue('BE');
    await expect(field(page, 'password')).toHaveValue('');
    await expect(page).toHaveURL(shopUrl('atraxion', '/account/register'));

    // No account was created: signing in with these details fails, and no email went out.
    await signIn(page, 'atraxion', customer.email, customer.password);
    await expect(formAlert(page)).toHaveText('The email address or password is not correct.');
    expect(await emailsTo(customer.email)).toHaveLength(0);
  });

  test('the same email at two shops is two customers', async ({ page }) => {
    const email = uniqueEmail('two-shops');
    const acmePassword = 'acme-password-123';
    const consumerPassword = 'tyredirect-password-456';
    await register(page, 'acme', business('two-shops', { email, password: acmePassword }));
    await register(page, 'consumer', { name: 'Sam Peeters', email, password: consumerPassword });
    await page.context().clearCookies();

    // Each password opens only its own shop's account.
    await signIn(page, 'acme', email, consumerPassword);
    await expect(formAlert(page)).toHaveText('The email address or password is not correct.');
    await signIn(page, 'consumer', email, acmePassword);
    await expect(formAlert(page)).toHaveText('The email address or password is not correct.');

    await signIn(page, 'acme', email, acmePassword);
    await expect(page).toHaveURL(shopUrl('acme', '/account'));
    await expect(main(page)).toContainText(`Signed in as ${email}`);
    await expect(page.getByTestId('approval-expiry')).toBeVisible(); // ACME's B2B account, auto-approved

    await signIn(page, 'consumer', email, consumerPassword);
    await expect(page).toHaveURL(shopUrl('consumer', '/account'));
    await expect(main(page)).toContainText(`Signed in as ${email}`);
    await expect(page.getByTestId('approval-expiry')).toHaveCount(0); // TyreDirect's open account

    // Each shop sent its own welcome.
    const subjects = (await emailsTo(email)).map((m) => m.subject).sort();
    expect(subjects).toEqual(['Welcome to TyreDirect', 'Your account at ACME Wheels is approved']);
  });
});
