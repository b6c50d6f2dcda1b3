/**
 * Sixteen colours far enough apart to tell stacked bands apart, readable on
 * the light and the dark theme (after Tableau 10 and its light companions).
 */
const PALETTE = [
  '#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#b07aa1', '#76b7b2', '#edc948', '#ff9da7',
  '#9c755f', '#86bcb6', '#d37295', '#8cd17d', '#a0cbe8', '#ffbe7d', '#bab0ac', '#499894',
] as const;

/**
 * A backend's own colour, from its port alone: stable while other backends
 * come and go, and distinct for up to 16 sequential ports (4000-4015 get 16
 * different colours).
 */
export function backendColour(port: number): string {
  return PALETTE[((port % PALETTE.length) + PALETTE.length) % PALETTE.length]!;
}
