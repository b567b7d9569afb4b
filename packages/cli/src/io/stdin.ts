/** Reads a password from stdin: the first line when piped, or typed without echo on a terminal. */
export async function readPasswordFromStdin(prompt = 'Password: '): Promise<string> {
  if (!process.stdin.isTTY) {
    let data = '';
    for await (const chunk of process.stdin) data += String(chunk);
    return data.split(/\r?\n/)[0] ?? '';
  }
  process.stderr.write(prompt);
  process.stdin.setRawMode(true);
  process.stdin.resume();
  return new Promise((resolve) => {
    let pw = '';
    const onData = (buf: Buffer): void => {
      for (const ch of buf.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          process.stdin.setRawMode(false);
          process.stdin.pause();
          process.stdin.off('data', onData);
          process.stderr.write('\n');
          resolve(pw);
          return;
        }
        if (ch === '\u0003') process.exit(130);
        pw = ch === '\u007f' ? pw.slice(0, -1) : pw + ch;
      }
    };
    process.stdin.on('data', onData);
  });
}
