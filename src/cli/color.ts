/**
 * Terminal colours for human-readable output: on when the stream is a terminal, off when it is
 * piped or redirected, and off whenever `NO_COLOR` is set to anything (https://no-color.org).
 * `--color` / `--no-color` decide over both.
 */
export interface Palette {
  readonly enabled: boolean;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
  underline(text: string): string;
}

const wrap = (open: number, close: number) => (text: string): string => `\u001b[${open}m${text}\u001b[${close}m`;

const COLOURED: Palette = {
  enabled: true,
  red: wrap(31, 39),
  yellow: wrap(33, 39),
  green: wrap(32, 39),
  dim: wrap(2, 22),
  bold: wrap(1, 22),
  underline: wrap(4, 24),
};

const identity = (text: string): string => text;

export const PLAIN: Palette = { enabled: false, red: identity, yellow: identity, green: identity, dim: identity, bold: identity, underline: identity };

/** Whether to colour a stream: the explicit choice, else a terminal without NO_COLOR. */
export function useColour(choice: boolean | undefined, isTTY: boolean | undefined, env: Readonly<Record<string, string | undefined>>): boolean {
  if (choice !== undefined) return choice;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTTY === true && env.TERM !== 'dumb';
}

export function palette(enabled: boolean): Palette {
  return enabled ? COLOURED : PLAIN;
}
