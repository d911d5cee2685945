#!/usr/bin/zsh -f
# SPDX-License-Identifier: GPL-2.0-or-later
# zcomplete.zsh COMPDIR DUMP LINE: complete the end of LINE in an interactive
# zsh (in a pseudo-terminal, zsh/zpty) with compinit (its dump file DUMP,
# reused) and COMPDIR first in $fpath; print each match offered, as the word
# would read once completed ($IPREFIX, the part already settled, and the
# match), one a line. Exit 77 without zsh/zpty.
zmodload zsh/zpty || exit 77
compdir=$1 dump=$2 line=$3
init=$(mktemp "${TMPDIR:-/tmp}/zcomplete.XXXXXX") || exit 99
trap 'rm -f "$init"' EXIT
cat >"$init" <<INIT
PROMPT= RPROMPT= PS2=
fpath=(${(q)compdir} \$fpath)
autoload -Uz compinit
compinit -u -d ${(q)dump}
bindkey '^M' undefined
bindkey '^J' undefined
bindkey '^I' complete-word
zstyle ':completion:*' insert-tab false
__mark() { print -rn -- \$'\\n<ZC-MARK>\\n' }
compprefuncs=(__mark)
comppostfuncs=(__mark exit)
compadd() {
  # the helpers' own filtering calls (-O, -A, -D): not what is offered
  if [[ \${@[1,(i)(-|--)]} == *-(O|A|D)\\ * ]]; then
    builtin compadd "\$@"
    return
  fi
  local -a __hits
  builtin compadd -A __hits "\$@"
  (( \$#__hits )) || return 1
  print -rl -- "\${(@)__hits/#/ZC:\$IPREFIX}"
  builtin compadd "\$@"
}
print '<ZC-READY>'
INIT
zpty z zsh -f -i
zpty -w z ". ${(q)init}"
zpty -r z out '*<ZC-READY>*' || exit 99
zpty -w -n z "$line"$'\t'
zpty -r z out '*<ZC-MARK>*<ZC-MARK>*' || exit 99
zpty -d z
print -r -- "$out" | tr -d '\r' | sed -n 's/^ZC://p'
