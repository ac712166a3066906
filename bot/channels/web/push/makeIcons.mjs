// Draws the web chat app icons (a white speech bubble on Linkwell teal) as PNGs, with node alone.
// Run once after changing the drawing: `node bot/channels/web/push/makeIcons.mjs`; the PNGs are committed.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const TEAL = [0x1f, 0x4e, 0x5f];
const WHITE = [0xff, 0xff, 0xff];
// Shapes in units of the icon's width, kept inside the central 80% so a maskable crop keeps them (icon.svg draws the same).
const BUBBLE = { x0: 0.26, y0: 0.3, x1: 0.74, y1: 0.64, r: 0.08 };
const TAIL = [
  [0.36, 0.6],
  [0.36, 0.75],
  [0.5, 0.6],
];
const DOTS = [0.38, 0.5, 0.62].map((x) => ({ x, y: 0.47, r: 0.035 }));

function inRoundedRect(x, y, { x0, y0, x1, y1, r }) {
  const dx = Math.max(x0 + r - x, 0, x - (x1 - r));
  const dy = Math.max(y0 + r - y, 0, y - (y1 - r));
  return x >= x0 && x <= x1 && y >= y0 && y <= y1 && dx * dx + dy * dy <= r * r;
}

function inTriangle(x, y, [[ax, ay], [bx, by], [cx, cy]]) {
  const side = (px, py, qx, qy) => (x - qx) * (py - qy) - (px - qx) * (y - qy);
  const d1 = side(ax, ay, bx, by);
  const d2 = side(bx, by, cx, cy);
  const d3 = side(cx, cy, ax, ay);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
}

function colourAt(x, y) {
  if (DOTS.some((d) => (x - d.x) ** 2 + (y - d.y) ** 2 <= d.r * d.r)) return TEAL;
  if (inRoundedRect(x, y, BUBBLE) || inTriangle(x, y, TAIL)) return WHITE;
  return TEAL;
}

/** RGB pixels, 4x4 samples each for smooth edges. */
function draw(size) {
  const rows = [];
  const n = 4;
  for (let py = 0; py < size; py += 1) {
    const row = Buffer.alloc(1 + size * 3); // filter byte 0: none
    for (let px = 0; px < size; px += 1) {
      const sum = [0, 0, 0];
      for (let sy = 0; sy < n; sy += 1) {
        for (let sx = 0; sx < n; sx += 1) {
          const c = colourAt((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size);
          for (let i = 0; i < 3; i += 1) sum[i] += c[i];
        }
      }
      for (let i = 0; i < 3; i += 1) row[1 + px * 3 + i] = Math.round(sum[i] / (n * n));
    }
    rows.push(row);
  }
  return Buffer.concat(rows);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bits per sample
  header[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(draw(size), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const here = dirname(fileURLToPath(import.meta.url));
for (const size of [192, 512]) writeFileSync(join(here, `icon-${size}.png`), png(size));
