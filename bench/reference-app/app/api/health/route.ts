// What the benchmark polls before it starts the load, as on the storefront.
export const dynamic = 'force-static';

export function GET() {
  return Response.json({ status: 'ok' });
}
