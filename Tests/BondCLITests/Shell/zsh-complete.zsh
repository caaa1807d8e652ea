#!/usr/bin/env zsh
# Prints the completions zsh offers for a command line, one per line, using the real
# completion system (compinit) in a pseudo-terminal, since zsh completes only inside zle.
#   zsh -f zsh-complete.zsh DIRECTORY-WITH-_bond 'bond base58 '
emulate -L zsh
zmodload zsh/zpty || exit 2
fpath_dir=$1
line=$2
capture=$(mktemp)
trap 'rm -f $capture; zpty -d shell 2>/dev/null' EXIT

zpty shell zsh -f -i
# Set up the shell: the completion system, bond's function, and a compadd that also writes
# each match it adds to the capture file (calls that only compute, with -O/-A/-D, pass through).
zpty -w shell "PS1='' PROMPT='' RPROMPT=''; unsetopt zle_bracketed_paste 2>/dev/null"
zpty -w shell "fpath=(${(q)fpath_dir} \$fpath); autoload -Uz compinit; compinit -u -D"
zpty -w shell "zstyle ':completion:*' list-prompt ''; zstyle ':completion:*' menu no; LISTMAX=100000"
zpty -w shell "compadd() { if (( \${@[(I)-[OAD]*]} )); then builtin compadd \"\$@\"; return; fi; local -a __got; builtin compadd -O __got \"\$@\"; print -rl -- \$__got >> ${(q)capture}; builtin compadd \"\$@\"; }"
zpty -w shell "print ready"
# Wait for the set-up to finish before typing the line.
local reply
while zpty -r -t shell reply; do [[ $reply == *ready* ]] && break; done
zpty -n -w shell "$line"$'\t'
# Give completion time to run, then read what it captured.
for i in {1..50}; do
    sleep 0.1
    [[ -s $capture ]] && { sleep 0.2; break; }
done
sort -u $capture
