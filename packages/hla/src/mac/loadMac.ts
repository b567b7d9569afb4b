import { readFileSync } from 'node:fs';
import { MacDictionary } from './macDictionary';

/** Reads a MAC dictionary file (NMDP numer.v3.txt / alpha.v3.txt, or the Atlas CSV subset); numer files are indexed on first use. */
export function loadMacFile(path: string): MacDictionary {
  return MacDictionary.fromText(readFileSync(path, 'utf8'));
}
