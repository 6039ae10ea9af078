import { notifyInvoicePaid } from './notify-invoice-paid';
import { notifyOrderCancelled } from './notify-order-cancelled';
import { orderWorkflow } from './order-workflow';
import { refundLatePayment } from './refund-late-payment';
import { refundOrder } from './refund-order';
import { expireAutoApprovalsHourly, outboxRelaySweep } from './scheduled';

/** Every function the app serves at /api/inngest. */
export const functions = [orderWorkflow, refundLatePayment, refundOrder, notifyOrderCancelled, notifyInvoicePaid, outboxRelaySweep, expireAutoApprovalsHourly];
