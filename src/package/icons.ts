import { encodePng, type RgbaImage } from './png.js';

/**
 * The app's two icons, drawn here so that the package needs no image files or image library: a gift
 * (the benefits) on the accent colour for the 192×192 colour icon, and the same gift in white on
 * transparent for the 32×32 outline icon (Teams' rule for outline icons).
 */
export const ACCENT = { r: 0x0f, g: 0x6c, b: 0xbd }; // manifest accentColor #0F6CBD

type Shape = (x: number, y: number) => boolean;

const rect = (x0: number, y0: number, x1: number, y1: number): Shape => (x, y) => x >= x0 && x < x1 && y >= y0 && y < y1;
const ring = (cx: number, cy: number, r: number, width: number): Shape => (x, y) => {
  const d = Math.hypot(x - cx, y - cy);
  return d <= r && d >= r - width;
};

/** The gift, in the unit square: lid, box and a two-loop bow, cut by the ribbon. */
function gift(scale: number): Shape {
  const s = (v: number) => 0.5 + (v - 0.5) * scale;
  const lid = rect(s(0.2), s(0.38), s(0.8), s(0.52));
  const box = rect(s(0.26), s(0.56), s(0.74), s(0.86));
  const bowLeft = ring(s(0.39), s(0.27), 0.11 * scale, 0.05 * scale);
  const bowRight = ring(s(0.61), s(0.27), 0.11 * scale, 0.05 * scale);
  const ribbonGap = rect(s(0.47), 0, s(0.53), 1);
  return (x, y) => ((lid(x, y) || box(x, y)) && !ribbonGap(x, y)) || ((bowLeft(x, y) || bowRight(x, y)) && y < s(0.38));
}

/** Paints `size`² pixels, each the coverage of `shape` over 4×4 samples (anti-aliased edges). */
function paint(size: number, layers: { shape: Shape; r: number; g: number; b: number }[]): RgbaImage {
  const pixels = new Uint8Array(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = (px + (sx + 0.5) / n) / size;
          const y = (py + (sy + 0.5) / n) / size;
          // the topmost layer covering the sample wins
          for (let i = layers.length - 1; i >= 0; i--) {
            const layer = layers[i]!;
            if (layer.shape(x, y)) {
              r += layer.r; g += layer.g; b += layer.b; a += 1;
              break;
            }
          }
        }
      }
      const o = (py * size + px) * 4;
      if (a > 0) {
        pixels[o] = Math.round(r / a);
        pixels[o + 1] = Math.round(g / a);
        pixels[o + 2] = Math.round(b / a);
        pixels[o + 3] = Math.round((255 * a) / (n * n));
      }
    }
  }
  return { width: size, height: size, pixels };
}

const WHITE = { r: 255, g: 255, b: 255 };
/** The icons never change while the process runs: drawn once. */
const drawn: { color?: Buffer; outline?: Buffer } = {};

/** 192×192, full colour: the gift in white on a full-bleed accent colour (Teams rounds the corners itself). */
export function colorIcon(): Buffer {
  return (drawn.color ??= encodePng(paint(192, [{ shape: rect(0, 0, 1, 1), ...ACCENT }, { shape: gift(0.62), ...WHITE }])));
}

/** 32×32, white on transparent (Teams: outline icon). */
export function outlineIcon(): Buffer {
  return (drawn.outline ??= encodePng(paint(32, [{ shape: gift(1.05), ...WHITE }])));
}
