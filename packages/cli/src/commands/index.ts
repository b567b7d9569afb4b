import type { Command } from 'commander';
import { registerClinicalCommands } from './clinical';

/** One line per area; each area's file adds its subcommands (engraft <area> ...). */
export function registerCommands(_program: Command): void {
  // areas register here
  registerClinicalCommands(_program);
}
