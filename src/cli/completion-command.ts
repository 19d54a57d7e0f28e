import type { Command } from 'commander';
import { UsageError, type CliIO } from './io.js';
import { formatNames } from '../util/format-names.js';
import { PRESETS } from '../config/presets.js';

/** What completion offers, read from the commander program so it stays true when options change. */
interface Spec {
  commands: string[];
  options: string[];
  formats: string[];
  presets: string[];
}

function specOf(program: Command): Spec {
  const lint = program.commands.find((c) => c.name() === 'lint')!;
  const options = new Set<string>();
  for (const c of [program, lint]) for (const o of c.options) for (const flag of [o.short, o.long]) if (flag) options.add(flag);
  return { commands: program.commands.map((c) => c.name()).filter((n) => n !== 'help'), options: [...options].sort(), formats: formatNames(), presets: [...PRESETS] };
}

/** `odlint completion bash|zsh|fish`: a script to source (docs/cli.md#shell-completion). */
export function runCompletion(shell: string, program: Command, io: CliIO): number {
  const spec = specOf(program);
  const script = { bash, zsh, fish }[shell as 'bash'];
  if (!script) throw new UsageError(`no completion for the shell "${shell}" (available: bash, zsh, fish)`);
  io.stdout(script(spec));
  return 0;
}

const words = (list: string[]) => list.join(' ');

function bash(s: Spec): string {
  return `# odlint completion for bash: source <(odlint completion bash), or save it in
# /etc/bash_completion.d/odlint
_odlint() {
  local cur prev
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  case "$prev" in
    -f|--format) COMPREPLY=( $(compgen -W "${words(s.formats)}" -- "$cur") ); return ;;
    -p|--preset) COMPREPLY=( $(compgen -W "${words(s.presets)}" -- "$cur") ); return ;;
    --fail-on) COMPREPLY=( $(compgen -W "error warning info never" -- "$cur") ); return ;;
    -o|--output|-c|--config|--baseline|--baseline-write|--stdin-filename|--print-config|--base-path|--allow-root)
      COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
  esac
  if [[ $COMP_CWORD -eq 1 && "$cur" != -* ]]; then
    COMPREPLY=( $(compgen -W "${words(s.commands)}" -- "$cur") $(compgen -f -- "$cur") )
  elif [[ "$cur" == -* ]]; then
    COMPREPLY=( $(compgen -W "${words(s.options)}" -- "$cur") )
  else
    COMPREPLY=( $(compgen -f -- "$cur") )
  fi
}
complete -o filenames -F _odlint odlint
`;
}

function zsh(s: Spec): string {
  return `#compdef odlint
# odlint completion for zsh: odlint completion zsh > "\${fpath[1]}/_odlint", or
# source <(odlint completion zsh) after compinit
_odlint() {
  case "\${words[CURRENT-1]}" in
    -f|--format) compadd -- ${words(s.formats)}; return ;;
    -p|--preset) compadd -- ${words(s.presets)}; return ;;
    --fail-on) compadd -- error warning info never; return ;;
    -o|--output|-c|--config|--baseline|--baseline-write|--stdin-filename|--print-config|--base-path|--allow-root) _files; return ;;
  esac
  if [[ "\${words[CURRENT]}" == -* ]]; then
    compadd -- ${words(s.options)}
  elif (( CURRENT == 2 )); then
    compadd -- ${words(s.commands)}
    _files
  else
    _files
  fi
}
if [[ "\${funcstack[1]}" == "_odlint" ]]; then _odlint "$@"; else compdef _odlint odlint; fi
`;
}

function fish(s: Spec): string {
  const lines = [
    '# odlint completion for fish: odlint completion fish > ~/.config/fish/completions/odlint.fish',
    'complete -c odlint -f',
    `complete -c odlint -n __fish_use_subcommand -a "${words(s.commands)}"`,
    'complete -c odlint -F',
    `complete -c odlint -s f -l format -x -a "${words(s.formats)}" -d "output format"`,
    `complete -c odlint -s p -l preset -x -a "${words(s.presets)}" -d "preset"`,
    'complete -c odlint -l fail-on -x -a "error warning info never"',
  ];
  for (const o of s.options.filter((x) => x.startsWith('--') && !['--format', '--preset', '--fail-on'].includes(x))) lines.push(`complete -c odlint -l ${o.slice(2)}`);
  return lines.join('\n') + '\n';
}
