import cliProgress from 'cli-progress';

/** Reads all of stdin as lines (a final newline does not make an extra empty line; CRs are dropped). */
export async function readStdinLines(stream: NodeJS.ReadableStream = process.stdin): Promise<string[]> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

/**
 * Runs `answer` on every line and writes `<input>\t<answer>` lines to stdout in input order, in blocks.
 * A progress bar goes to stderr when it is a terminal and the batch is long.
 */
export function runBatch(lines: readonly string[], answer: (line: string) => string): void {
  // `engraft hla reduce … | head` closes stdout early: stop quietly, as Unix filters do.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(0);
  });
  const showBar = process.stderr.isTTY && lines.length >= 2000;
  const bar = showBar
    ? new cliProgress.SingleBar({ stream: process.stderr, etaBuffer: 1000 }, cliProgress.Presets.shades_classic)
    : undefined;
  bar?.start(lines.length, 0);
  let block: string[] = [];
  for (const [i, line] of lines.entries()) {
    block.push(`${line}\t${answer(line)}`);
    if (block.length === 5000) {
      process.stdout.write(block.join('\n') + '\n');
      block = [];
      bar?.update(i + 1);
    }
  }
  if (block.length > 0) process.stdout.write(block.join('\n') + '\n');
  bar?.update(lines.length);
  bar?.stop();
}
