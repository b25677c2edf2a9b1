/**
 * A 128-bit random id in hex (32 chars), valid as a clientId and as an opId. It uses
 * getRandomValues rather than randomUUID, which browsers only offer in secure contexts
 * (a LAN address over plain http is not one).
 */
export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let id = '';
  for (const byte of bytes) id += byte.toString(16).padStart(2, '0');
  return id;
}
