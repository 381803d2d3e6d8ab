// pngjs comes with qrcode (which renders the card's QR image); tests decode that image with it.
declare module 'pngjs' {
  export const PNG: { sync: { read(buffer: Buffer): { width: number; height: number; data: Buffer } } };
}
