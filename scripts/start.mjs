// `npm start`: build what is needed, then serve Engraft. On the embedded database (no DATABASE_URL) the
// synthetic demo programme is seeded on first start and the demo accounts are printed.
import { spawnSync, spawn } from 'node:child_process';

const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const args = ['packages/cli/dist/engraft.js', 'serve', '--quiet'];
if (!process.env.DATABASE_URL) args.push('--demo');
const server = spawn(process.execPath, args, { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code) => process.exit(code ?? 0));
