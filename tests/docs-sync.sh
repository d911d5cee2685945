#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The man pages and shell completions against the binary: every subcommand
# that 'iovctl --list-cmds' prints has man/iovctl-CMD.8 mentioning every
# option of 'iovctl CMD --list-opts'; iovctl.8 names every command and global
# option; the pages are clean under mandoc (and groff) lint; the bash
# completion parses and completes commands and PCI addresses; the zsh one
# parses. Both completions offer every option of --list-opts, the binary
# knows what each option takes ('iovctl CMD --list-values=OPT', which both
# completions ask), and both handle every answer it gives.
# (What they offer for each option: tests/completion.sh.)
#
# Environment (set by 'make check'): IOVCTL, the binary; top_srcdir.
set -eu
. "$(dirname "$0")/lib.sh"

top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
IOVCTL=${IOVCTL:-$top_srcdir/iovctl}
man=$top_srcdir/man
bashcomp=$top_srcdir/completions/iovctl.bash
zshcomp=$top_srcdir/completions/_iovctl
failed=0

fail()
{
	echo "docs-sync: FAIL: $*" >&2
	failed=1
}

note()
{
	echo "docs-sync: $*"
}

if [ ! -x "$IOVCTL" ]; then
	echo "docs-sync: cannot run '$IOVCTL': build iovctl first or set IOVCTL" >&2
	exit 99
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/docs-sync.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

# Roff source as plain text: "\-" becomes "-", font and other escapes go.
plain()
{
	sed -e 's/\\-/-/g' -e 's/\\f\(([A-Z][A-Z]\|\[[^]]*\]\|.\)//g' -e 's/\\[%&]//g' "$1"
}

# mentions PAGE --OPTION: the option, not a longer one it is a prefix of
mentions()
{
	plain "$1" | grep -Eq -- "(^|[^-[:alnum:]])$2([^-_[:alnum:]]|\$)"
}

check_opts()	# PAGE LIST-OPTS-OUTPUT-FILE
{
	while IFS= read -r opt; do
		opt=${opt%=}
		[ -n "$opt" ] || continue
		mentions "$1" "$opt" ||
			fail "${1#"$top_srcdir"/} does not document '$opt' (from --list-opts)"
	done <"$2"
}

# ---- man pages --------------------------------------------------------------

if ! "$IOVCTL" --list-cmds >"$tmp/cmds"; then
	fail "'$IOVCTL --list-cmds' failed"
elif [ ! -s "$tmp/cmds" ]; then
	fail "'$IOVCTL --list-cmds' printed nothing"
fi

if [ ! -f "$man/iovctl.8" ]; then
	fail "man/iovctl.8 is missing"
else
	if "$IOVCTL" --list-opts >"$tmp/global-opts"; then
		check_opts "$man/iovctl.8" "$tmp/global-opts"
	else
		fail "'$IOVCTL --list-opts' failed"
	fi
	while IFS= read -r cmd; do
		[ "$cmd" = help ] && continue
		plain "$man/iovctl.8" | grep -Eq "^\.BR? $cmd( |\$)" ||
			fail "man/iovctl.8 does not list the command '$cmd' (.B $cmd)"
	done <"$tmp/cmds"
fi

while IFS= read -r cmd; do
	[ "$cmd" = help ] && continue
	page=$man/iovctl-$cmd.8
	if [ ! -f "$page" ]; then
		fail "man/iovctl-$cmd.8 is missing for the subcommand '$cmd'"
		continue
	fi
	if ! "$IOVCTL" "$cmd" --list-opts >"$tmp/opts"; then
		fail "'$IOVCTL $cmd --list-opts' failed"
		continue
	fi
	check_opts "$page" "$tmp/opts"
done <"$tmp/cmds"

if command -v mandoc >/dev/null 2>&1; then
	for page in "$man"/*.8; do
		mandoc -Tlint -Wwarning "$page" >"$tmp/lint" 2>&1 ||
			fail "mandoc -Tlint -Wwarning ${page#"$top_srcdir"/}: $(cat "$tmp/lint")"
	done
else
	partial "man page lint: mandoc not installed (apt-get install mandoc)"
fi
if command -v groff >/dev/null 2>&1; then
	for page in "$man"/*.8; do
		groff -ww -man -z "$page" >"$tmp/lint" 2>&1
		[ ! -s "$tmp/lint" ] ||
			fail "groff -ww -man ${page#"$top_srcdir"/}: $(cat "$tmp/lint")"
	done
else
	partial "groff lint of the man pages: groff not installed (apt-get install groff-base)"
fi

# ---- bash completion --------------------------------------------------------

# The completion asks 'iovctl' on $PATH, as it would when installed.
mkdir -p "$tmp/bin" "$tmp/sys/bus/pci/devices/0000:81:00.0" \
	"$tmp/sys/bus/pci/devices/0000:00:02.0" "$tmp/sys/class/net/eth7" \
	"$tmp/sys/bus/pci/devices/10000:01:00.0"
ln -s "$IOVCTL" "$tmp/bin/iovctl"

# complete_line EXPECTED UNEXPECTED WORD...: complete the last WORD in a new
# bash (without ':' in COMP_WORDBREAKS), after sourcing $with (the
# bash-completion package) if set; EXPECTED must be offered, UNEXPECTED ("-"
# for none) must not be.
complete_line()
{
	want=$1 nowant=$2
	shift 2
	got=$(PATH="$tmp/bin:$PATH" bash --norc --noprofile -c '
		[ -z "$1" ] || . "$1"
		. "$2"
		shift 2
		# the words are whole: as when ':' is not a word break
		COMP_WORDBREAKS=${COMP_WORDBREAKS//:/}
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		COMP_LINE="$*"
		COMP_POINT=${#COMP_LINE}
		_iovctl iovctl "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
		printf "%s\n" "${COMPREPLY[@]}"' docs-sync "$with" "$bashcomp" "$@" 2>&1) || {
		fail "bash completion of '$*' failed: $got"
		return 0
	}
	printf '%s\n' "$got" | grep -qxF -- "$want" ||
		fail "bash completion of '$*'${with:+ (with bash-completion)} does not offer '$want'; got: $(printf '%s ' "$got" | tr '\n' ' ')"
	if [ "$nowant" != - ] && printf '%s\n' "$got" | grep -qxF -- "$nowant"; then
		fail "bash completion of '$*'${with:+ (with bash-completion)} offers '$nowant'"
	fi
	return 0
}

# complete_split EXPECTED UNEXPECTED LINE: complete the end of LINE as bash
# does with ':' in COMP_WORDBREAKS: split at blanks and at ':' (a word of its
# own); the reply replaces only what follows the last ':'.
complete_split()
{
	want=$1 nowant=$2 line=$3
	got=$(PATH="$tmp/bin:$PATH" bash --norc --noprofile -c '
		[ -z "$1" ] || . "$1"
		. "$2"
		COMP_LINE=$3
		COMP_POINT=${#COMP_LINE}
		COMP_WORDS=()
		w=
		for ((i = 0; i < ${#COMP_LINE}; i++)); do
			c=${COMP_LINE:i:1}
			if [[ $c == " " || $c == : ]]; then
				[[ -n $w ]] && COMP_WORDS+=("$w")
				[[ $c == : ]] && COMP_WORDS+=(:)
				w=
			else
				w+=$c
			fi
		done
		[[ -n $w || ${COMP_LINE: -1} == " " ]] && COMP_WORDS+=("$w")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		_iovctl iovctl "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
		printf "%s\n" "${COMPREPLY[@]}"' docs-sync "$with" "$bashcomp" "$line" 2>&1) || {
		fail "bash completion of '$line' failed: $got"
		return 0
	}
	printf '%s\n' "$got" | grep -qxF -- "$want" ||
		fail "bash completion of '$line' (split at ':') does not offer '$want'; got: $(printf '%s ' "$got" | tr '\n' ' ')"
	if [ "$nowant" != - ] && printf '%s\n' "$got" | grep -qxF -- "$nowant"; then
		fail "bash completion of '$line' (split at ':') offers '$nowant'"
	fi
	return 0
}

checks()
{
	complete_line inspect - iovctl ins
	complete_line inspect - iovctl help i
	complete_line --slot= --sysfs-root iovctl inspect --sl
	complete_line 0000:81:00.0 0000:00:02.0 \
		iovctl --sysfs-root "$tmp/sys" inspect 0000:8
	complete_line 0000:81:00.0 eth7 \
		iovctl --sysfs-root="$tmp/sys" inspect -s 0000:8
	complete_line eth7 - iovctl --sysfs-root "$tmp/sys" inspect 0000:81:00.0 e
	# a 32-bit domain (VMD) is offered whole and never shortened
	complete_line 10000:01:00.0 0000:81:00.0 iovctl --sysfs-root "$tmp/sys" inspect 1
	complete_line 10000:01:00.0 01:00.0 iovctl --sysfs-root "$tmp/sys" topology 1000
	complete_line 10000:01:00.0 - iovctl --sysfs-root "$tmp/sys" inspect -s 10000:
	# as bash really calls it: the address split at each ':'
	complete_split 01:00.0 10000:01:00.0 "iovctl --sysfs-root $tmp/sys inspect 10000:0"
	complete_split 00.0 - "iovctl --sysfs-root $tmp/sys inspect -s 10000:01:"
	complete_split 81:00.0 10000:01:00.0 "iovctl --sysfs-root $tmp/sys topology 0000:8"
	complete_split eth7 - "iovctl --sysfs-root $tmp/sys inspect 0000:81:00.0 e"
	# --fail-on's levels; --ignore's rule ids, from 'inspect --list-findings'
	complete_line error warning iovctl inspect --check --fail-on e
	complete_line vf-unbound 0000:81:00.0 iovctl --sysfs-root "$tmp/sys" inspect --ignore vf-unb
	complete_line numa-unknown,vf-unbound - iovctl inspect --ignore numa-unknown,vf-un
	complete_split never - "iovctl --color=n"
	complete_split 81:00.0 - "iovctl --sysfs-root=$tmp/sys inspect -v 81"
	complete_line iops irqs iovctl monitor --sort io
	complete_line node= - iovctl monitor -b --filter no
	complete_line --vf-stats - iovctl monitor --vf
	complete_line 0000:81:00.0 eth7 iovctl --sysfs-root "$tmp/sys" monitor -d 1 0000:8
}

if ! command -v bash >/dev/null 2>&1; then
	partial "bash completion: bash not installed"
elif ! bash -n "$bashcomp" 2>"$tmp/err"; then
	fail "completions/iovctl.bash: syntax error: $(cat "$tmp/err")"
else
	# Without the bash-completion package: the script needs none of its
	# helpers. With it, loaded first, as an interactive shell would.
	helpers=
	for f in /usr/share/bash-completion/bash_completion /etc/bash_completion; do
		if [ -f "$f" ]; then
			helpers=$f
			break
		fi
	done
	[ -n "$helpers" ] || partial "completion with the bash-completion package loaded: bash-completion not installed"
	with=
	checks
	if [ -n "$helpers" ]; then
		with=$helpers
		checks
	fi
fi

# ---- every option, and what it takes ------------------------------------------

# 'iovctl [CMD] --list-values=OPT' answers for every option of --list-opts (a
# new option with no entry in cmd/complete.c fails here) and for the operands.
: >"$tmp/answers"
for cmd in '' $(grep -vx help "$tmp/cmds"); do
	# shellcheck disable=SC2086
	"$IOVCTL" $cmd --list-opts >"$tmp/opts" 2>/dev/null || continue
	for opt in $(cat "$tmp/opts"); do
		name=${opt#--}
		name=${name%=}
		# shellcheck disable=SC2086
		"$IOVCTL" $cmd --list-values="$name" >>"$tmp/answers" 2>"$tmp/err" ||
			fail "the completions do not know what ${cmd:+$cmd }$opt takes: $(cat "$tmp/err")"
	done
	[ -z "$cmd" ] || "$IOVCTL" "$cmd" --list-values=- >>"$tmp/answers" 2>"$tmp/err" ||
		fail "the completions do not know the operands of $cmd: $(cat "$tmp/err")"
done
# each directive of those answers is handled by both completions: read (not
# in a comment), and a path kind completed by its own case
for d in $(grep '^@' "$tmp/answers" | sort -u); do
	for f in "$bashcomp" "$zshcomp"; do
		grep -v '^[[:space:]]*#' "$f" | grep -qF -- "$d" &&
			case $d in
			@file | @dir | @snapshot) grep -Eq "^[[:space:]]*${d#@}\)" "$f" ;;
			esac ||
			fail "${f#"$top_srcdir"/} does not handle '$d' of --list-values"
	done
done

# bash_offers LINE: what bash offers at the end of LINE
bash_offers()
{
	PATH="$tmp/bin:$PATH" bash --norc --noprofile -c '
		. "$1"
		COMP_LINE=$2
		COMP_POINT=${#COMP_LINE}
		read -ra COMP_WORDS <<<"$COMP_LINE"
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		_iovctl iovctl "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
		printf "%s\n" "${COMPREPLY[@]}"' docs-sync "$bashcomp" "$1"
}

zsh_offers=
if command -v zsh >/dev/null 2>&1 && zsh -fc 'zmodload zsh/zpty' 2>/dev/null; then
	zsh_offers=1
else
	partial "the options in the zsh completion: zsh or its zsh/zpty module is missing"
fi
# both completions offer every option of --list-opts
for cmd in '' $(grep -vx help "$tmp/cmds"); do
	# shellcheck disable=SC2086
	"$IOVCTL" $cmd --list-opts >"$tmp/opts" 2>/dev/null || continue
	bash_offers "iovctl $cmd --" >"$tmp/bash-offers" 2>&1 || true
	if [ -n "$zsh_offers" ]; then
		PATH="$tmp/bin:$PATH" zsh -f "$top_srcdir/tests/zcomplete.zsh" "$top_srcdir/completions" \
			"$tmp/zcompdump" "iovctl $cmd --" >"$tmp/zsh-offers" 2>&1 || true
	fi
	for opt in $(cat "$tmp/opts"); do
		grep -qxF -- "$opt" "$tmp/bash-offers" ||
			fail "the bash completion does not offer '$opt' after 'iovctl $cmd'"
		[ -z "$zsh_offers" ] || grep -qxF -- "$opt" "$tmp/zsh-offers" ||
			fail "the zsh completion does not offer '$opt' after 'iovctl $cmd'"
	done
done

# ---- the monitor screen's keys: its help and the man page's KEYS -------------

# the help's keys: each line of help_text names them before its first two spaces
sed -n '/help_text\[\] = {/,/^};/p' "$top_srcdir/cmd/monitor-tui.c" |
	sed -n 's/^[[:space:]]*"  \([^ ].*\)$/\1/p' | sed 's/  .*//; s/\\\\/\\/g' |
	tr ' ' '\n' | grep . | sort -u >"$tmp/keys-help"
# the man page's: the tags (.TP lines) of its KEYS section
awk '/^\.SH KEYS/ { k = 1; next } /^\.SH/ { k = 0 } k && tag { print; tag = 0 } k && /^\.TP/ { tag = 1 }' \
	"$top_srcdir/man/iovctl-monitor.8" |
	sed 's/^\.[A-Z]* //; s/"//g; s/,/ /g; s/\\-/-/g; s/\\e/\\/g; s/\\(ha/^/g' |
	tr ' ' '\n' | grep . | sort -u >"$tmp/keys-man"
[ "$(wc -l <"$tmp/keys-help")" -ge 20 ] ||
	fail "monitor: found only $(wc -l <"$tmp/keys-help") keys in the screen's help (cmd/monitor-tui.c help_text)"
comm -23 "$tmp/keys-help" "$tmp/keys-man" >"$tmp/keys-not-man"
comm -13 "$tmp/keys-help" "$tmp/keys-man" >"$tmp/keys-not-help"
while read -r key; do
	fail "monitor: key '$key' is in the screen's help, not in iovctl-monitor(8) KEYS"
done <"$tmp/keys-not-man"
while read -r key; do
	fail "monitor: key '$key' is in iovctl-monitor(8) KEYS, not in the screen's help"
done <"$tmp/keys-not-help"

# ---- zsh completion ---------------------------------------------------------

if command -v zsh >/dev/null 2>&1; then
	zsh -n "$zshcomp" 2>"$tmp/err" ||
		fail "completions/_iovctl: syntax error: $(cat "$tmp/err")"
	head -n 1 "$zshcomp" | grep -qx '#compdef iovctl' ||
		fail "completions/_iovctl does not start with '#compdef iovctl'"
else
	partial "zsh completion: zsh not installed"
fi

if [ "$failed" -ne 0 ]; then
	echo "docs-sync: man pages or completions out of step with $IOVCTL" >&2
	exit 1
fi
note "man pages and completions match the binary"
