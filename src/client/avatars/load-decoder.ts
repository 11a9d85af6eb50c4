/**
 * The decoder module, loaded at its first use and kept: images are decoded lazily (issue 20:
 * "the decoder is loaded only when an avatar is drawn, so memory stays as today otherwise").
 * In the bundle esbuild keeps it a lazily initialised module: its code runs on this import only.
 */
export function loadDecoder(): Promise<typeof import('./decode-image.js')> {
  return import('./decode-image.js');
}
