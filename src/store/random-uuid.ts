// A random (version 4) UUID from /dev/urandom. node:crypto would do it in one call, but loading it costs each
// long-lived supervisor ~4 MB of RSS (OpenSSL's pages), and lock tokens and agent session ids are all it needs.
import { closeSync, openSync, readSync } from 'node:fs';

/** A random UUID, like crypto.randomUUID(): 8-4-4-4-12 lowercase hex, version 4, RFC 4122 variant. */
export function randomUuid(): string {
  const b = Buffer.alloc(16);
  const fd = openSync('/dev/urandom', 'r');
  try {
    for (let got = 0; got < 16; ) got += readSync(fd, b, got, 16 - got, null);
  } finally {
    closeSync(fd);
  }
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
