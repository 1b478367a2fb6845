// Brands choose a font by name from this allow-list, never by CSS: the stacks are fixed here, so
// a brand file cannot inject CSS or load a font from elsewhere. Each stack ends with fonts that
// cover Japanese (Noto Sans CJK) and Arabic (Noto Sans Arabic, DejaVu Sans) on Debian.

const fallbacks = '"Noto Sans CJK JP", "Noto Sans JP", "Noto Sans Arabic", "DejaVu Sans", sans-serif';

export const fontStacks = {
  system: `system-ui, -apple-system, "Hiragino Sans", "Segoe UI", ${fallbacks}`,
  rounded: `ui-rounded, "Hiragino Maru Gothic ProN", "M PLUS Rounded 1c", system-ui, ${fallbacks}`,
  serif: `ui-serif, "Hiragino Mincho ProN", "Noto Serif CJK JP", "Noto Serif JP", "Noto Naskh Arabic", "DejaVu Serif", serif`,
} as const;

export type FontName = keyof typeof fontStacks;
export const fontNames = Object.keys(fontStacks) as [FontName, ...FontName[]];
