import { orderWorkflow } from './order-workflow';
import { refundLatePayment } from './refund-late-payment';
import { expireAutoApprovalsHourly, outboxRelaySweep } from './scheduled';

/** Every function the app serves at /api/inngest. */
export const functions = [orderWorkflow, refundLatePayment, outboxRelaySweep, expireAutoApprovalsHourly];
