import type { FastifyRequest } from 'fastify';

/**
 * An RFC 8288 `Link` header value to the next page of a list: `<url>; rel="next"`. The URL is
 * absolute, on PUBLIC_URL when the operator set it, else on the origin the request reached (its
 * Host, or X-Forwarded-Host and -Proto behind a trusted proxy). A Host that makes no valid origin
 * gets the relative reference, which clients resolve against the request's own URL.
 */
export function nextPageLink(
  request: FastifyRequest,
  publicUrl: string | undefined,
  path: string,
  query: Record<string, string>,
): string {
  const relative = `${path}?${new URLSearchParams(query)}`;
  let target = relative;
  try {
    target = new URL(relative, publicUrl ?? `${request.protocol}://${request.host}`).href;
  } catch {
    // The relative reference, above.
  }
  return `<${target}>; rel="next"`;
}
