import { Hl7Context } from '@medplum/core';
import { describe, expect, it } from 'vitest';
import { unescapeHl7 } from './escape';

const ctx = new Hl7Context();

describe('HL7 v2.5.1 §2.7.4 escape sequences', () => {
  it('decodes the delimiter escapes', () => {
    expect(unescapeHl7('O\\S\\Brien \\T\\ Sons\\F\\\\R\\\\E\\', ctx)).toBe('O^Brien & Sons|~\\');
  });
  it('decodes hexadecimal data as UTF-8 and .br as a line break; drops highlighting', () => {
    expect(unescapeHl7('Zo\\XC3AB\\\\.br\\\\H\\x\\N\\', ctx)).toBe('Zoë\nx');
  });
  it('keeps an unknown or unterminated sequence as written', () => {
    expect(unescapeHl7('a\\Q\\b', ctx)).toBe('a\\Q\\b');
    expect(unescapeHl7('a\\S', ctx)).toBe('a\\S');
  });
  it('leaves text without the escape character alone', () => {
    expect(unescapeHl7('plain', ctx)).toBe('plain');
  });
});
