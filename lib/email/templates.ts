import type { ReactElement } from 'react';
import AccountActive, { subject as accountActiveSubject } from '@/emails/account-active';
import AccountApproved, { subject as accountApprovedSubject } from '@/emails/account-approved';
import AccountRejected, { subject as accountRejectedSubject } from '@/emails/account-rejected';
import AccountRevoked, { subject as accountRevokedSubject } from '@/emails/account-revoked';
import OrderCancelled, { subject as orderCancelledSubject } from '@/emails/order-cancelled';
import OrderConfirmation, { subject as orderConfirmationSubject } from '@/emails/order-confirmation';
import OrderRefunded, { subject as orderRefundedSubject } from '@/emails/order-refunded';
import OrderShipped, { subject as orderShippedSubject } from '@/emails/order-shipped';
import OwnerOrderNotification, { subject as ownerOrderNotificationSubject } from '@/emails/owner-order-notification';
import PasswordReset, { subject as passwordResetSubject } from '@/emails/password-reset';
import StaffInvitation, { subject as staffInvitationSubject } from '@/emails/staff-invitation';
import PaymentReceived, { subject as paymentReceivedSubject } from '@/emails/payment-received';
import RegistrationReceived, { subject as registrationReceivedSubject } from '@/emails/registration-received';
import type { EmailBrand } from './brand';

export interface EmailTemplate<P extends { brand: EmailBrand }> {
  component: (props: P) => ReactElement;
  subject: (props: P) => string;
}

function defineTemplate<P extends { brand: EmailBrand }>(component: (props: P) => ReactElement, subject: (props: P) => string): EmailTemplate<P> {
  return { component, subject };
}

/** Every email the platform sends, by the name stored in `sent_emails.template`. */
export const emailTemplates = {
  'registration-received': defineTemplate(RegistrationReceived, registrationReceivedSubject),
  'account-approved': defineTemplate(AccountApproved, accountApprovedSubject),
  'account-active': defineTemplate(AccountActive, accountActiveSubject),
  'account-rejected': defineTemplate(AccountRejected, accountRejectedSubject),
  'account-revoked': defineTemplate(AccountRevoked, accountRevokedSubject),
  'password-reset': defineTemplate(PasswordReset, passwordResetSubject),
  'staff-invitation': defineTemplate(StaffInvitation, staffInvitationSubject),
  'order-confirmation': defineTemplate(OrderConfirmation, orderConfirmationSubject),
  'payment-received': defineTemplate(PaymentReceived, paymentReceivedSubject),
  'order-cancelled': defineTemplate(OrderCancelled, orderCancelledSubject),
  'order-shipped': defineTemplate(OrderShipped, orderShippedSubject),
  'order-refunded': defineTemplate(OrderRefunded, orderRefundedSubject),
  'owner-order-notification': defineTemplate(OwnerOrderNotification, ownerOrderNotificationSubject),
};

export type TemplateName = keyof typeof emailTemplates;

export type TemplateProps<N extends TemplateName> = (typeof emailTemplates)[N] extends EmailTemplate<infer P> ? P : never;

/** What a caller supplies: the brand is always derived from the tenant, never passed in. */
export type TemplateInput<N extends TemplateName> = Omit<TemplateProps<N>, 'brand'>;
