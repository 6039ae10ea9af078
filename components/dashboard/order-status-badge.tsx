import { clsx } from 'clsx';
import { ORDER_STATUS, type OrderStatus } from '@/lib/orders/order-status';

export function OrderStatusBadge({ status, testId }: { status: OrderStatus; testId?: string }) {
  return (
    <span data-testid={testId} className={clsx('inline-block rounded-full px-2.5 py-0.5 text-xs font-semibold whitespace-nowrap', ORDER_STATUS[status].tone)}>
      {ORDER_STATUS[status].label}
    </span>
  );
}
