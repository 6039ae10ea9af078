'use client';

import { useEffect, useRef } from 'react';

/**
 * Submits the surrounding filter form as soon as a control changes. The form works without it (it has
 * an Apply button); this only saves a click when JavaScript is on.
 */
export function AutoSubmit() {
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const form = ref.current?.closest('form');
    if (!form) return;
    const submit = (event: Event) => {
      if ((event.target as HTMLElement).matches('select, input[type="checkbox"]')) form.requestSubmit();
    };
    form.addEventListener('change', submit);
    return () => form.removeEventListener('change', submit);
  }, []);
  return <span ref={ref} hidden />;
}
