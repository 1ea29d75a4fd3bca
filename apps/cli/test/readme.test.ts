import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { CommandContext } from '../src/context.ts';
import { createProgram } from '../src/program.ts';
import { Capture } from './helpers.ts';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

/** Every `scimkit …` invocation in the README's shell blocks, as argument lists. */
function invocations(): string[][] {
  const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]!);
  const result: string[][] = [];
  for (const line of blocks.flatMap((block) => block.split('\n'))) {
    for (const segment of line.replace(/^\$ /, '').split('|')) {
      const words = shellWords(segment.replace(/\s#.*$/, '').replace(/\s>.*$/, ''));
      const start = words.indexOf('scimkit');
      if (start !== -1) result.push(words.slice(start + 1));
    }
  }
  return result;
}

function shellWords(text: string): string[] {
  return [...text.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((match) => match[1] ?? match[2] ?? match[3]!);
}

/** The options of a command and of every command above it. */
function knownOptions(path: Command[]): Set<string> {
  return new Set(
    path.flatMap((command) =>
      command.options.flatMap((option) => [option.long, option.short].filter((flag) => flag !== undefined)),
    ),
  );
}

describe('README', () => {
  const program = createProgram(
    new CommandContext({ stdout: new Capture(), stderr: new Capture(), stdin: process.stdin, env: {} }),
  );
  const examples = invocations();

  it('has examples for every command', () => {
    const used = new Set(
      examples.map((args) =>
        args
          .filter((word) => /^[a-z]+$/.test(word))
          .slice(0, 2)
          .join(' '),
      ),
    );
    for (const command of program.commands) {
      const names =
        command.commands.length === 0
          ? [command.name()]
          : command.commands.map((sub) => `${command.name()} ${sub.name()}`);
      for (const name of names)
        expect(
          [...used].some((entry) => entry.startsWith(name)),
          name,
        ).toBe(true);
    }
  });

  it.each(examples.map((args) => [args.join(' '), args]))(
    'uses only real commands and options: scimkit %s',
    (_, args) => {
      const path: Command[] = [program];
      const positional: string[] = [];
      for (let index = 0; index < args.length; index++) {
        const word = args[index]!;
        const current = path.at(-1)!;
        if (word.startsWith('-')) {
          const flag = word.split('=')[0]!;
          expect(
            knownOptions(path).has(flag),
            `${flag} is an option of scimkit ${path
              .slice(1)
              .map((c) => c.name())
              .join(' ')}`,
          ).toBe(true);
          const option = path
            .flatMap((command) => command.options)
            .find((candidate) => candidate.long === flag || candidate.short === flag)!;
          if ((option.required || option.optional) && !word.includes('=')) index++;
          continue;
        }
        const sub = current.commands.find((command) => command.name() === word);
        if (sub !== undefined && positional.length === 0) path.push(sub);
        else positional.push(word);
      }
      const command = path.at(-1)!;
      expect(command.commands, 'names a command, not a group').toHaveLength(0);
      const declared = command.registeredArguments;
      expect(positional.length).toBeGreaterThanOrEqual(
        declared.filter((argument) => argument.required).length,
      );
      expect(positional.length).toBeLessThanOrEqual(declared.length);
    },
  );
});
