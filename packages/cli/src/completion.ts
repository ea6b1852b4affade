import type { Command } from 'commander';

/**
 * Shell completion: the script asks `regkit __complete -- WORDS…` for the candidates of the last
 * word, so completion follows the commands of whatever version is installed.
 */
export function completionScript(shell: 'bash' | 'zsh'): string {
  if (shell === 'bash')
    return `# regkit completion for bash: source <(regkit completion bash)
_regkit_complete() {
  local IFS=$'\\n'
  COMPREPLY=($(regkit __complete -- "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null))
}
complete -o default -F _regkit_complete regkit
`;
  return `#compdef regkit
# regkit completion for zsh: source <(regkit completion zsh)
_regkit_complete() {
  local -a candidates
  candidates=("\${(@f)$(regkit __complete -- "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  compadd -a candidates
}
compdef _regkit_complete regkit
`;
}

const longFlags = (cmd: Command) => cmd.options.map((o) => o.long).filter((f): f is string => !!f);

/** Candidates for the last of `words` (the one being typed), after the words before it. */
export function completeWords(root: Command, words: readonly string[]): string[] {
  let cmd = root;
  const done = words.slice(0, -1);
  const current = words.at(-1) ?? '';
  for (let i = 0; i < done.length; i++) {
    const word = done[i]!;
    if (word.startsWith('-')) {
      const option = [...cmd.options, ...root.options].find((o) => o.long === word);
      if (option && (option.required || option.optional)) i++; // its value
      continue;
    }
    const sub = cmd.commands.find((c) => c.name() === word);
    if (sub) cmd = sub;
  }
  const names = current.startsWith('-')
    ? [...longFlags(cmd), ...(cmd === root ? [] : longFlags(root)), '--help']
    : cmd.commands.map((c) => c.name()).filter((n) => !n.startsWith('__'));
  return [...new Set(names)].filter((n) => n.startsWith(current)).sort();
}
