import type { Severity } from '../core/finding.js';

/** The few ANSI styles the terminal formatters use. Plain SGR codes: no dependency, no environment lookups. */
export interface Palette {
  bold(text: string): string;
  dim(text: string): string;
  underline(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  blue(text: string): string;
  cyan(text: string): string;
  green(text: string): string;
  severity(severity: Severity, text: string): string;
}

function sgr(open: number, close: number): (text: string) => string {
  return (text) => (text === '' ? '' : `\u001b[${open}m${text}\u001b[${close}m`);
}

const identity = (text: string): string => text;

/** A palette that styles with ANSI codes when `color` is true, and returns text unchanged otherwise. */
export function createPalette(color: boolean): Palette {
  if (!color) {
    return {
      bold: identity, dim: identity, underline: identity, red: identity, yellow: identity,
      blue: identity, cyan: identity, green: identity, severity: (_s, text) => text,
    };
  }
  const red = sgr(31, 39);
  const yellow = sgr(33, 39);
  const blue = sgr(34, 39);
  return {
    bold: sgr(1, 22),
    dim: sgr(2, 22),
    underline: sgr(4, 24),
    red,
    yellow,
    blue,
    cyan: sgr(36, 39),
    green: sgr(32, 39),
    severity: (severity, text) => (severity === 'error' ? red : severity === 'warning' ? yellow : blue)(text),
  };
}
