'use client';

export { default } from '@/components/storefront/shop-error';
