export const adminButton = 'rounded-md bg-slate-900 px-4 py-2 text-sm font-semibold text-white hover:bg-slate-700 disabled:opacity-60';
export const adminSecondaryButton =
  'rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-100 disabled:opacity-60';
export const adminDangerButton = 'rounded-md bg-red-700 px-4 py-2 text-sm font-semibold text-white hover:bg-red-800 disabled:opacity-60';
export const adminCard = 'rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6';
