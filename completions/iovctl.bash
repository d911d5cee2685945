# SPDX-License-Identifier: GPL-2.0-or-later
# bash completion for iovctl(8).
#
# Everything offered is asked of the binary at completion time, so it follows
# the build: the commands (iovctl --list-cmds), the options (iovctl CMD
# --list-opts) and the values of an option or of the operands (iovctl WORDS...
# --list-values=NAME, hidden; see cmd/complete.c). The words typed so far go
# along, so devices come from the root they choose: --sysfs-root DIR or
# tarball, --sample, $IOVCTL_SYSFS_ROOT, else /sys.
# Needs nothing from the bash-completion package.

# _iovctl_ask NAME: the binary's answer for NAME after the words typed so far
# (in _iovctl_words), one per line.
_iovctl_ask()
{
	"$_iovctl_bin" "${_iovctl_words[@]:1}" "--list-values=$1" 2>/dev/null
}

# _iovctl_takes_value WORD: WORD is an option whose value is the next word.
_iovctl_takes_value()
{
	local name first

	case $1 in
	--) return 1 ;;
	--*=*) return 1 ;;
	--*) name=${1#--} ;;
	-?*) name=${1: -1} ;;
	*) return 1 ;;
	esac
	first=$(_iovctl_ask "$name" | head -n 1)
	[[ $first != @flag && $first != @optional ]]
}

# _iovctl_offer CUR: COMPREPLY from the binary's answer on stdin (see
# cmd/complete.c for the directives), for the value CUR.
_iovctl_offer()
{
	local cur=$1 line lpre= n
	local -a cands=() files=()
	local kind= list=

	while IFS= read -r line; do
		case $line in
		@list) list=1 ;;
		@file | @dir | @snapshot) kind=${line#@} ;;
		@*) ;;
		*) cands+=("$line") ;;
		esac
	done
	if [[ -n $list ]]; then
		# a comma-separated list (a '+' may lead): complete its last item
		if [[ $cur == *,* ]]; then
			lpre=${cur%,*},
		elif [[ $cur == +* ]]; then
			lpre=+
		fi
		cur=${cur#"$lpre"}
	fi
	for n in "${cands[@]}"; do
		# PF/vfN and /dev/NAME once the word has a '/', KEY=VALUE an '='
		[[ $n == */* && $cur != */* ]] && continue
		[[ $n == *=?* && $cur != *=* ]] && continue
		[[ $n == *= && $cur == *=* ]] && continue
		[[ $n == "$cur"* ]] && COMPREPLY+=("$lpre$n")
		# domain 0000 may be left out, once something else is typed
		[[ -n $cur && $n == 0000:* && 0000: != "$cur"* && ${n#0000:} == "$cur"* ]] &&
			COMPREPLY+=("$lpre${n#0000:}")
	done
	case $kind in
	file) mapfile -t files < <(compgen -f -- "$cur") ;;
	dir) mapfile -t files < <(compgen -d -- "$cur") ;;
	snapshot)
		# a directory, or a snapshot tarball
		mapfile -t files < <(compgen -d -- "$cur"
			compgen -f -- "$cur" | grep -E '\.(tar|tar\.gz|tgz|tar\.xz|txz)$')
		;;
	esac
	if [[ -n $kind ]]; then
		compopt -o filenames 2>/dev/null
		COMPREPLY+=("${files[@]}")
	fi
	# "key=" of a list, or an option name with its '=': more follows
	[[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == *= ]] && compopt -o nospace 2>/dev/null
	return 0
}

_iovctl()
{
	local line cur keep c i word
	local _iovctl_bin
	local -a _iovctl_words

	COMPREPLY=()
	# The words from the line itself, whole: COMP_WORDS is also split at
	# the ':' and '=' of COMP_WORDBREAKS.
	line=${COMP_LINE:0:COMP_POINT}
	cur=${line##*[[:space:]]}
	line=${line:0:${#line}-${#cur}}
	read -ra _iovctl_words <<<"$line"
	for i in "${!_iovctl_words[@]}"; do
		word=${_iovctl_words[i]//[\'\"]/}
		[[ $word == \~/* ]] && word=$HOME/${word#\~/}
		_iovctl_words[i]=$word
	done
	cur=${cur//[\'\"]/}
	_iovctl_bin=${_iovctl_words[0]:-iovctl}
	# bash replaces only what follows the last word break in the word
	keep=
	for ((i = ${#cur} - 1; i >= 0; i--)); do
		c=${cur:i:1}
		if [[ $c != [[:space:]] && $COMP_WORDBREAKS == *"$c"* ]]; then
			keep=${cur:0:i+1}
			break
		fi
	done

	_iovctl_complete "$cur"

	if [[ -n $keep ]]; then
		for i in "${!COMPREPLY[@]}"; do
			COMPREPLY[i]=${COMPREPLY[i]#"$keep"}
		done
	fi
	return 0
}

_iovctl_complete()
{
	local cur=$1 cmd= ended= i word prev= name pre= answer
	local -a opts

	# The command: the first word that is neither an option nor the
	# separate value of one.
	for ((i = 1; i < ${#_iovctl_words[@]}; i++)); do
		word=${_iovctl_words[i]}
		if [[ -n $ended || $word != -* ]]; then
			if [[ -z $cmd ]]; then
				cmd=$word
			elif [[ $cmd == help ]]; then
				return 0
			fi
		elif [[ $word == -- ]]; then
			[[ -n $cmd ]] && ended=1
		elif [[ -z $cmd ]] && _iovctl_takes_value "$word"; then
			i=$((i + 1))
		fi
	done
	((${#_iovctl_words[@]} > 1)) && prev=${_iovctl_words[-1]}

	# The value of an option: "--opt=value", or "--opt value" / "-o value".
	if [[ -z $ended && $cur == --*=* ]]; then
		name=${cur%%=*}
		pre=$name=
		name=${name#--}
		cur=${cur#*=}
	elif [[ -z $ended ]] && _iovctl_takes_value "$prev"; then
		name=${prev#--}
		[[ $prev == --* ]] || name=${prev: -1}
	fi
	if [[ -n $name ]]; then
		answer=$(_iovctl_ask "$name")
		_iovctl_offer "$cur" <<<"$answer"
		if [[ -n $pre ]]; then
			for i in "${!COMPREPLY[@]}"; do
				COMPREPLY[i]=$pre${COMPREPLY[i]}
			done
		fi
		return 0
	fi

	if [[ -z $ended && $cur == -* ]]; then
		if [[ -n $cmd && $cmd != help ]]; then
			mapfile -t opts < <("$_iovctl_bin" "$cmd" --list-opts 2>/dev/null)
		else
			mapfile -t opts < <("$_iovctl_bin" --list-opts 2>/dev/null)
		fi
		mapfile -t COMPREPLY < <(compgen -W "${opts[*]}" -- "$cur")
		[[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == *= ]] && compopt -o nospace 2>/dev/null
		return 0
	fi

	case $cmd in
	'')
		mapfile -t COMPREPLY < <(compgen -W "$("$_iovctl_bin" --list-cmds 2>/dev/null)" -- "$cur")
		;;
	help)
		mapfile -t COMPREPLY < <(compgen -W "$("$_iovctl_bin" --list-cmds 2>/dev/null | grep -vx help)" -- "$cur")
		;;
	*)
		answer=$(_iovctl_ask -)
		_iovctl_offer "$cur" <<<"$answer"
		;;
	esac
	return 0
}

complete -F _iovctl iovctl
