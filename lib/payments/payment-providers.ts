import { AppError } from '@/lib/errors';
import type { PaymentProvider } from './payment-provider';
import { sandboxProvider } from './sandbox-provider';

/**
 * Every payment provider the platform speaks to, by the name stored on `payments.provider` and used in
 * the webhook path. A function, not a constant: the sandbox delivers its webhooks through the handler that
 * reads this list, and the modules would otherwise need each other while loading.
 */
export function paymentProviders(): ReadonlyMap<string, PaymentProvider> {
  return new Map([[sandboxProvider.name, sandboxProvider]]);
}

export function paymentProviderNamed(name: string): PaymentProvider {
  const provider = paymentProviders().get(name);
  if (!provider) throw new AppError('NOT_FOUND', `Unknown payment provider "${name}".`);
  return provider;
}
