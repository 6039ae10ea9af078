export { default } from '@/components/storefront/listing-skeleton';
