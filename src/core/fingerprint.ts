// A 64-bit fingerprint of a text (16 hex digits) in plain JavaScript, for noticing that something changed
// (the run guard's before/after snapshots). Not a cryptographic hash: sha256 would load node:crypto into
// every supervisor (~4 MB of RSS each) for a comparison that only needs accidental collisions to be rare.
/** Two independent 32-bit multiply-xorshift lanes over the UTF-16 code units (cyrb-style), hex. */
export function fingerprint(text: string): string {
  let h1 = 0xdeadbeef ^ text.length;
  let h2 = 0x41c6ce57 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}
