import type { Command } from 'commander';
import { registerOutcomesCommands } from './outcomes/index';

/** One line per area; each area's file adds its subcommands (engraft <area> ...). */
export function registerCommands(_program: Command): void {
  // areas register here
  registerOutcomesCommands(_program);
}
