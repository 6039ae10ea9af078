/** What staff who are not the owner see on the owner's settings pages. */
export function OwnerOnlyNotice({ what }: { what: string }) {
  return (
    <p role="note" className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
      Only the shop owner can change {what}. Ask the owner if something should change.
    </p>
  );
}
