// The two encodings the build's wasm rewriters read and write (scripts/short-imports.mjs,
// scripts/order-functions.mjs): an unsigned LEB128 number, and a name (its byte length as LEB128, then its UTF-8
// bytes).

/** Reads an unsigned LEB128 at `pos` of `buf`: [value, next position]. */
export function readLeb(buf, pos) {
  let value = 0, shift = 0, byte;
  do {
    byte = buf[pos++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, pos];
}

/** `n` as an unsigned LEB128. */
export const encodeLeb = (n) => {
  const out = [];
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return Buffer.from(out);
};

/** `s` as a wasm name: its UTF-8 length, then its bytes. */
export const encodeName = (s) => {
  const b = Buffer.from(s, 'utf8');
  return Buffer.concat([encodeLeb(b.length), b]);
};
