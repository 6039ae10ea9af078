'use client';

import { useActionState } from 'react';
import { setVisibilityScopeAction } from '@/app/admin/(signed-in)/tenants/actions';
import { FormMessage } from '@/components/forms/field';
import { SubmitButton } from '@/components/forms/submit-button';
import { checkedAfter, idleFormState, type FormState } from '@/lib/forms/form-state';
import { adminButton } from '@/components/admin/styles';

type Option = { id: number; name: string };
type Axis = 'brands' | 'categories' | 'vehicleBrands';

function AxisFieldset({
  state,
  axis,
  legend,
  options,
  chosen,
}: {
  state: FormState;
  axis: Axis;
  legend: string;
  options: Option[];
  chosen: number[] | undefined;
}) {
  const selected = new Set(chosen ?? []);
  return (
    <fieldset className="rounded-md border border-slate-200 p-3">
      <legend className="px-1 text-sm font-semibold">{legend}</legend>
      <div className="flex flex-wrap gap-4 text-sm">
        <label className="flex items-center gap-2">
          <input type="radio" name={`${axis}Mode`} value="all" defaultChecked={checkedAfter(state, `${axis}Mode`, 'all', !chosen)} /> Whole catalog
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name={`${axis}Mode`} value="some" defaultChecked={checkedAfter(state, `${axis}Mode`, 'some', Boolean(chosen))} /> Only these
        </label>
      </div>
      <div className="mt-2 grid max-h-48 grid-cols-1 gap-1 overflow-y-auto text-sm sm:grid-cols-2 lg:grid-cols-3">
        {options.map((option) => (
          <label key={option.id} className="flex items-center gap-2">
            <input type="checkbox" name={axis} value={option.id} defaultChecked={checkedAfter(state, axis, String(option.id), selected.has(option.id))} />{' '}
            {option.name}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Which brands, categories and vehicle makes the shop may choose its assortment from. */
export function VisibilityScopeForm(props: {
  tenantId: string;
  scope: { brands?: number[]; categories?: number[]; vehicleBrands?: number[] } | null;
  options: Record<Axis, Option[]>;
}) {
  const [state, action] = useActionState(setVisibilityScopeAction, idleFormState);
  return (
    <form action={action} className="space-y-3">
      <FormMessage state={state} />
      <input type="hidden" name="tenantId" value={props.tenantId} />
      <AxisFieldset state={state} axis="brands" legend="Brands" options={props.options.brands} chosen={props.scope?.brands} />
      <AxisFieldset state={state} axis="categories" legend="Categories" options={props.options.categories} chosen={props.scope?.categories} />
      <AxisFieldset state={state} axis="vehicleBrands" legend="Vehicle makes" options={props.options.vehicleBrands} chosen={props.scope?.vehicleBrands} />
      <p className="text-xs text-slate-600">Narrowing the scope also removes the shop’s own choices outside it.</p>
      <SubmitButton pendingLabel="Saving…" className={adminButton}>
        Save scope
      </SubmitButton>
    </form>
  );
}
