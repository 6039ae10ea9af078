import type { EmailBrand } from '@/lib/email/brand';

/** Sample brand for `email dev` previews only. */
export const previewBrand: EmailBrand = {
  shopName: 'ACME Wheels',
  logoUrl: null,
  primaryColor: '#b91c1c',
  accentColor: '#111827',
  shopUrl: 'http://acme.localhost:3000',
  timeZone: 'Europe/Brussels',
};
