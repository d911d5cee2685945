#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The shell completions, as a user meets them: complete a typed line in bash
# (with and without the bash-completion package) and in zsh (compinit in a
# pseudo-terminal, tests/zcomplete.zsh) and compare what is offered with
# what the option takes: the enumerations, files and directories where a
# path goes, nothing where a number goes, PCI addresses and PF/vfN of the
# root the line names (--sysfs-root DIR or tarball, --sample), and options.
# Each offered enumeration value must also be one the binary accepts.
#
# Environment (set by 'make check'): IOVCTL, the binary; top_srcdir.
set -eu
. "$(dirname "$0")/lib.sh"

top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
IOVCTL=${IOVCTL:-$top_srcdir/iovctl}
bashcomp=$top_srcdir/completions/iovctl.bash
failed=0

[ -x "$IOVCTL" ] || { echo "completion: cannot run '$IOVCTL'" >&2; exit 99; }
command -v bash >/dev/null 2>&1 || skip "bash not installed"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/completion.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

fail()
{
	echo "completion: FAIL: $*" >&2
	failed=1
}

# ---- the trees ----------------------------------------------------------------

# R: a root with an SR-IOV PF (3 VFs enabled), two NUMA nodes and a VMD domain;
# S: the "sample"; H: the host's /sys as $IOVCTL_SYSFS_ROOT.
R=$tmp/root/sys S=$tmp/sample H=$tmp/host/sys
dev=$R/bus/pci/devices
mkdir -p "$dev/0000:81:00.0" "$dev/0000:81:00.1" "$dev/0000:00:02.0" "$dev/10000:01:00.0" \
	"$R/devices/system/node/node0" "$R/devices/system/node/node1" \
	"$R/class/net/eth7" "$R/class/block/nvme0n1" "$R/class/nvme/nvme0" \
	"$S/sys/bus/pci/devices/0000:5e:00.0" "$S/sys/class/net/samplenet0" \
	"$H/bus/pci/devices/0000:3b:00.0" "$H/class/net/hostnet0" "$tmp/bin" "$tmp/cwd/snapdir"
echo 3 >"$dev/0000:81:00.0/sriov_numvfs"
echo 0 >"$dev/0000:81:00.1/sriov_numvfs"
echo 0-1 >"$R/devices/system/node/possible"
: >"$tmp/cwd/snapfile"
tar -czf "$tmp/cwd/snap.tar.gz" -C "$S" sys
ln -s "$IOVCTL" "$tmp/bin/iovctl"
mkdir "$tmp/tmp"
export IOVCTL_SYSFS_ROOT="$H" IOVCTL_SAMPLE_DIR="$S" TMPDIR="$tmp/tmp"
PATH=$tmp/bin:$PATH
export PATH
cd "$tmp/cwd"

# ---- the shells ---------------------------------------------------------------

# bash_complete WITH LINE: what bash offers at the end of LINE, each as the
# word will read (bash replaces only what follows the last ':' or '=' of it),
# after sourcing WITH (the bash-completion package) if set.
bash_complete()
{
	bash --norc --noprofile -c '
		[ -z "$1" ] || . "$1"
		. "$2"
		COMP_LINE=$3
		COMP_POINT=${#COMP_LINE}
		# split as readline does: at blanks, and each word break a word
		COMP_WORDS=()
		w=
		for ((i = 0; i < ${#COMP_LINE}; i++)); do
			c=${COMP_LINE:i:1}
			if [[ $c == " " ]]; then
				[[ -n $w ]] && COMP_WORDS+=("$w")
				w=
			elif [[ $COMP_WORDBREAKS == *"$c"* ]]; then
				[[ -n $w ]] && COMP_WORDS+=("$w")
				COMP_WORDS+=("$c")
				w=
			else
				w+=$c
			fi
		done
		[[ -n $w || ${COMP_LINE: -1} == " " ]] && COMP_WORDS+=("$w")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		word=${COMP_LINE##* }
		keep=
		for ((i = ${#word} - 1; i >= 0; i--)); do
			if [[ $COMP_WORDBREAKS == *"${word:i:1}"* ]]; then
				keep=${word:0:i+1}
				break
			fi
		done
		_iovctl iovctl "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
		for r in "${COMPREPLY[@]}"; do
			printf "%s\n" "$keep$r"
		done' completion "$1" "$bashcomp" "$2"
}

zsh_complete()
{
	zsh -f "$top_srcdir/tests/zcomplete.zsh" "$top_srcdir/completions" "$tmp/zcompdump" "$1"
}

# offered SHELL LINE: the sorted offers, one a line
offered()
{
	case $1 in
	bash) bash_complete "" "$2" ;;
	bash+bc) bash_complete "$helpers" "$2" ;;
	zsh) zsh_complete "$2" ;;
	esac | LC_ALL=C sort -u
}

words()
{
	printf '%s\n' "$@" | sed '/^$/d' | LC_ALL=C sort -u
}

# exact LINE WORD...: the offers at the end of LINE are exactly WORD...
exact()
{
	line=$1
	shift
	want=$(words "$@")
	for sh in $shells; do
		got=$(offered "$sh" "$line") || { fail "$sh: completing '$line' failed"; continue; }
		[ "$got" = "$want" ] ||
			fail "$sh: '$line<TAB>' offers [$(echo $got)], not [$(echo $want)]"
	done
}

# has LINE WORD... / lacks LINE WORD...: each WORD is / is not offered
has()
{
	line=$1
	shift
	for sh in $shells; do
		got=$(offered "$sh" "$line") || { fail "$sh: completing '$line' failed"; continue; }
		for w in "$@"; do
			printf '%s\n' "$got" | grep -qxF -- "$w" ||
				fail "$sh: '$line<TAB>' does not offer '$w'; offers [$(echo $got)]"
		done
	done
}

lacks()
{
	line=$1
	shift
	for sh in $shells; do
		got=$(offered "$sh" "$line") || { fail "$sh: completing '$line' failed"; continue; }
		for w in "$@"; do
			! printf '%s\n' "$got" | grep -qxF -- "$w" ||
				fail "$sh: '$line<TAB>' offers '$w'"
		done
	done
}

shells=bash
helpers=
for f in /usr/share/bash-completion/bash_completion /etc/bash_completion; do
	if [ -f "$f" ]; then
		helpers=$f
		shells="$shells bash+bc"
		break
	fi
done
[ -n "$helpers" ] || partial "bash with the bash-completion package loaded: bash-completion not installed"
if ! command -v zsh >/dev/null 2>&1; then
	partial "zsh completion: zsh not installed"
elif ! zsh -fc 'zmodload zsh/zpty' 2>/dev/null; then
	partial "zsh completion: no zsh/zpty module"
else
	shells="$shells zsh"
fi

# has_opt CMD OPT: the build has it (options of other branches come and go)
has_opt()
{
	iovctl $1 --list-opts 2>/dev/null | grep -qx -- "$2=\{0,1\}"
}

# accepted CMD OPT: the binary takes each value it offers for OPT (the option
# comes before --help, so a refused value stops it with exit 2 first)
accepted()
{
	cmd=$1 opt=$2
	vals=$(iovctl $cmd --list-values="${opt#--}" | grep -v '^@') ||
		{ fail "'iovctl $cmd --list-values=${opt#--}' failed"; return 0; }
	[ -n "$vals" ] || fail "'iovctl $cmd $opt': no values offered"
	for v in $vals; do
		case $v in *=) continue ;; esac	# a KEY= of KEY=VALUE
		# shellcheck disable=SC2086
		iovctl $cmd "$opt=$v" --help >/dev/null 2>&1 ||
			fail "'iovctl $cmd $opt=$v' is offered but refused"
	done
	iovctl $cmd "$opt=no-such-value" --help >/dev/null 2>&1 &&
		fail "'iovctl $cmd $opt=no-such-value' is accepted: the check above proves nothing"
	return 0
}

# ---- the binary's answers themselves ---------------------------------------------

[ "$(iovctl topology --list-values=o)" = "$(iovctl topology --list-values=output)" ] ||
	fail "'topology --list-values=o' (the short letter) differs from '--list-values=output'"
[ "$(iovctl inspect --list-values=a)" = @flag ] || fail "'inspect --list-values=a' is not @flag"
rc=0
iovctl bench --list-values=no-such-option >/dev/null 2>"$tmp/err" || rc=$?
[ "$rc" -eq 2 ] && grep -q "no option 'no-such-option' in bench" "$tmp/err" ||
	fail "'bench --list-values=no-such-option': exit $rc, $(cat "$tmp/err") (want 2 and the reason)"
[ -z "$(iovctl bench --list-values=qd)" ] || fail "'bench --list-values=qd' suggests a number"

# ---- commands and options -------------------------------------------------------

exact "iovctl " $(iovctl --list-cmds)
lacks "iovctl help " help
has "iovctl help " inspect topology bench snapshot
exact "iovctl ins" inspect
has "iovctl bench --r" --rw= --rwmix= --runtime= --ramp=
has "iovctl -j topology --" --numa= --output= --vfs --json
has "iovctl --" --sysfs-root= --proc-root= --color --json

# ---- enumerations -----------------------------------------------------------------

rw="read write randread randwrite randrw"
exact "iovctl bench --rw " $rw
exact "iovctl bench --rw=rand" --rw=randread --rw=randwrite --rw=randrw
exact "iovctl -q bench --qd 8 --rw rand" randread randwrite randrw
accepted bench --rw
exact "iovctl bench --engine " io_uring null
accepted bench --engine
exact "iovctl --color=" --color=auto --color=always --color=never
exact "iovctl inspect --color=n" --color=never
accepted "" --color
# an optional value is only ever --color=WHEN: a separate word is the command
exact "iovctl --color " $(iovctl --list-cmds)
exact "iovctl bench --direct=" --direct=0 --direct=1

# topology -o: the columns of 'topology --help', as a comma list ('+' adds)
cols=$(iovctl topology --help | sed -n '/^Columns:/,/^Default:/{/^  /s/^  \([A-Z]*\).*/\1/p}' |
	tr 'A-Z' 'a-z')
[ "$(echo $cols | wc -w)" -ge 10 ] || fail "cannot read the columns of 'topology --help': [$cols]"
exact "iovctl topology -o " $cols
exact "iovctl topology --output=" $(printf -- '--output=%s\n' $cols)
exact "iovctl topology -o name,d" name,driver
exact "iovctl topology -o +gr" +group
accepted topology --output

if has_opt inspect --fail-on; then
	exact "iovctl inspect --fail-on " warning error
	accepted inspect --fail-on
fi
if has_opt inspect --ignore; then
	has "iovctl inspect --ignore " vf-unbound iommu-off
	exact "iovctl inspect --ignore vf-unbound,iommu-o" vf-unbound,iommu-off
	accepted inspect --ignore
fi
if has_opt monitor --sort; then
	exact "iovctl monitor --sort " address role driver node group link iops mbps util rx tx \
		drops irqs aer state
	exact "iovctl monitor --filter " drv= node= role= group= pf= state=
	exact "iovctl monitor --filter role=" role=pf role=vf role=endpoint role=root_port
	exact "iovctl --sysfs-root $R monitor --filter=pf=" --filter=pf=0000:81:00.0
	exact "iovctl --sysfs-root $R monitor --filter node=" node=0 node=1
	accepted monitor --sort
	accepted monitor --filter
fi

# ---- numbers: nothing; NUMA nodes of the root -------------------------------------

exact "iovctl bench --qd "
exact "iovctl bench --bs=4"
exact "iovctl snapshot --max-size "
exact "iovctl --sysfs-root $R topology --numa " 0 1
exact "iovctl --sysfs-root $R bench --numa=" --numa=0 --numa=1
if has_opt "" --width; then
	exact "iovctl --width "
	exact "iovctl --width 100 --sysfs-root $R inspect 0000:81:00." 0000:81:00.0 0000:81:00.1
fi

# ---- paths ------------------------------------------------------------------------

has "iovctl snapshot -o snap" snapfile snapdir snap.tar.gz
has "iovctl bench --save-baseline snapf" snapfile
has "iovctl --sysfs-root snap" snapdir snap.tar.gz
lacks "iovctl --sysfs-root snap" snapfile
has "iovctl inspect --proc-root snap" snapdir
lacks "iovctl inspect --proc-root snap" snapfile snap.tar.gz
has "iovctl bench snapf" snapfile

# ---- addresses of the root the line names -----------------------------------------

exact "iovctl --sysfs-root $R inspect 0000:8" 0000:81:00.0 0000:81:00.1
exact "iovctl --sysfs-root=$R inspect 0000:81:00.0/" \
	0000:81:00.0/vf0 0000:81:00.0/vf1 0000:81:00.0/vf2
exact "iovctl topology --sysfs-root $R 0000:81:00.0/v" \
	0000:81:00.0/vf0 0000:81:00.0/vf1 0000:81:00.0/vf2
exact "iovctl --sysfs-root $R bench 0000:81:00.0/vf" \
	0000:81:00.0/vf0 0000:81:00.0/vf1 0000:81:00.0/vf2
exact "iovctl --sysfs-root $R inspect 0000:81:00.1/"
has "iovctl --sysfs-root $R inspect 81" 81:00.0 81:00.1
exact "iovctl --sysfs-root $R inspect 1" 10000:01:00.0
exact "iovctl --sysfs-root $R inspect e" eth7
has "iovctl --sysfs-root $R inspect /dev/" /dev/nvme0n1
has "iovctl --sysfs-root $R inspect n" nvme0n1 nvme0
exact "iovctl --sysfs-root $R inspect -s 0" 0000:00:02.0 0000:81:00.0 0000:81:00.1
exact "iovctl --sysfs-root $R bench --all-vfs " 0000:81:00.0
exact "iovctl -v --sysfs-root $R -j inspect --vfs --check 0000:81:00.0/vf2" 0000:81:00.0/vf2
# without a root on the line: $IOVCTL_SYSFS_ROOT
exact "iovctl inspect " 0000:3b:00.0 hostnet0
# --sample: the sample's devices, never the host's
exact "iovctl inspect --sample " 0000:5e:00.0 samplenet0
exact "iovctl topology --sample " 0000:5e:00.0 samplenet0
if has_opt "" --sample; then
	exact "iovctl --sample inspect " 0000:5e:00.0 samplenet0
fi
# a snapshot tarball as the root
exact "iovctl --sysfs-root $tmp/cwd/snap.tar.gz inspect 0000:" 0000:5e:00.0
if has_opt monitor --sort; then
	exact "iovctl --sysfs-root $R monitor 0000:81:00.0/" \
		0000:81:00.0/vf0 0000:81:00.0/vf1 0000:81:00.0/vf2
	exact "iovctl monitor --prometheus snapf" snapfile
fi

# the tarball's private copy is gone
[ -z "$(ls "$tmp/tmp")" ] || fail "left in \$TMPDIR: $(ls "$tmp/tmp")"

if [ "$failed" -ne 0 ]; then
	echo "completion: the shell completions offer wrong values" >&2
	exit 1
fi
echo "completion: $shells: every case passed"
