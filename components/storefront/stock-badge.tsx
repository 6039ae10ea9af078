export function StockBadge({ stock }: { stock: number }) {
  if (stock <= 0) {
    return <span className="inline-flex items-center gap-1 text-xs font-medium text-slate-500">● Out of stock</span>;
  }
  return <span className="inline-flex items-center gap-1 text-xs font-medium text-emerald-700">● {stock > 20 ? 'In stock' : `Only ${stock} left`}</span>;
}
