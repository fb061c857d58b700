/** What a command may touch of the outside world; tests pass a fake. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout is a terminal (chooses the default format). */
  isTTY: boolean;
  cwd: string;
  env: Record<string, string | undefined>;
  /** Reads all of standard input (for `-` arguments). */
  readStdin?: () => Promise<string>;
}

export function processIo(): Io {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTTY: Boolean(process.stdout.isTTY),
    cwd: process.cwd(),
    env: process.env,
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}

/** A recording Io for tests. */
export function memoryIo(cwd = process.cwd()): Io & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    isTTY: false,
    cwd,
    env: {} as Record<string, string | undefined>,
    stdout: (text: string) => {
      io.out += text;
    },
    stderr: (text: string) => {
      io.err += text;
    },
  };
  return io;
}

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, findings: 1, input: 2 } as const;
