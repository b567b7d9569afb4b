import type { Command } from 'commander';
import { registerOutcomesCommands } from './outcomes/index';
import { registerPlatformCommands } from './platform';

/** One line per area; each area's file adds its subcommands (engraft <area> ...). */
export function registerCommands(program: Command): void {
  registerPlatformCommands(program);
  registerOutcomesCommands(program);
}
