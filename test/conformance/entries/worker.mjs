// Entry for workerd / Cloudflare Workers: an ES module Worker. GET /run?jwks=URL
// runs the suite and answers with the report as JSON.
import { runConformance } from '../suite.mjs';

export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname !== '/run') return new Response('ok');
    const report = await runConformance({
      runtime: `workerd (${navigator.userAgent})`,
      backend: 'webcrypto',
      jwksUrl: url.searchParams.get('jwks') || undefined,
      filter: url.searchParams.get('filter') || undefined,
    });
    return new Response(JSON.stringify({ ...report, resolved: 'bundled' }), { headers: { 'content-type': 'application/json' } });
  },
};
