# SPDX-License-Identifier: GPL-2.0-or-later
# bash completion for iovctl(8).
#
# Commands and options are asked of the binary at completion time
# (iovctl --list-cmds, iovctl CMD --list-opts), so they follow the build.
# Needs nothing from the bash-completion package.

# The sysfs root the command line will read: --sysfs-root already typed,
# else $IOVCTL_SYSFS_ROOT, else /sys.
_iovctl_sysfs_root()
{
	local i root=${IOVCTL_SYSFS_ROOT:-/sys}

	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		--sysfs-root)
			if [[ ${COMP_WORDS[i + 1]} == = ]]; then
				root=${COMP_WORDS[i + 2]}
			else
				root=${COMP_WORDS[i + 1]}
			fi
			;;
		--sysfs-root=?*)
			root=${COMP_WORDS[i]#*=}
			;;
		esac
	done
	# a leading ~ is not expanded in COMP_WORDS
	[[ $root == \~/* ]] && root=$HOME/${root#\~/}
	# a snapshot's top directory stands for its sys/
	[[ ! -d $root/bus && -d $root/sys/bus ]] && root=$root/sys
	printf '%s\n' "$root"
}

# What 'iovctl inspect DEVICE' accepts, from under the sysfs root: PCI
# addresses (also without the domain, for domain 0000, once something is
# typed), network interfaces, block devices and NVMe controllers, or block
# devices as /dev/NAME when a path is typed. $2 narrows the list: "pci" for
# PCI addresses only, "dev" for /dev/NAME only.
_iovctl_devices()
{
	local cur=$1 what=${2:-all} root d n
	local -a words=()

	root=$(_iovctl_sysfs_root)
	if [[ $what == dev || ($what == all && $cur == /*) ]]; then
		for d in "$root"/class/block/*; do
			[[ -e $d || -L $d ]] && words+=("/dev/${d##*/}")
		done
	else
		for d in "$root"/bus/pci/devices/*; do
			[[ -e $d || -L $d ]] || continue
			n=${d##*/}
			words+=("$n")
			[[ -n $cur && $n == 0000:* && 0000: != "$cur"* ]] && words+=("${n#0000:}")
		done
		if [[ $what == all ]]; then
			for d in "$root"/class/net/* "$root"/class/block/* "$root"/class/nvme/*; do
				[[ -e $d || -L $d ]] && words+=("${d##*/}")
			done
		fi
	fi
	compgen -W "${words[*]}" -- "$cur"
}

# With ':' in COMP_WORDBREAKS (bash's default), "10000:01:00.0" reaches us
# as "10000" ":" "01" ":" "00.0" and bash replaces only the part after the
# last ':'. Complete the whole address, then drop what bash keeps.
_iovctl()
{
	local _iovctl_colon=
	local i

	_iovctl_complete "$@"
	if [[ -n $_iovctl_colon ]]; then
		for i in "${!COMPREPLY[@]}"; do
			COMPREPLY[i]=${COMPREPLY[i]#"$_iovctl_colon"}
		done
	fi
	return 0
}

_iovctl_complete()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev=
	local bin=${COMP_WORDS[0]} cmd='' word opt='' pre='' i left before
	local -a opts

	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
	[[ $bin == \~/* ]] && bin=$HOME/${bin#\~/}
	COMPREPLY=()
	# the word as typed, from the line: only an argument (not --opt=) with a ':'
	left=${COMP_LINE:0:COMP_POINT}
	left=${left##*[[:space:]]}
	if [[ $COMP_WORDBREAKS == *:* && $left == *:* && $left != -* ]]; then
		before=${COMP_LINE:0:COMP_POINT - ${#left}}
		before=${before%"${before##*[![:space:]]}"}
		cur=$left prev=${before##*[[:space:]]}
		_iovctl_colon=${left%"${left##*:}"}
	fi

	# The command: the first word that is neither an option nor the
	# argument of one given as a separate word.
	for ((i = 1; i < COMP_CWORD; i++)); do
		word=${COMP_WORDS[i]}
		case $word in
		--sysfs-root | --proc-root | --width)
			[[ ${COMP_WORDS[i + 1]} == = ]] && i=$((i + 1))
			i=$((i + 1))
			;;
		-s | -d | --slot | --id)
			[[ -n $cmd ]] && i=$((i + 1))
			;;
		--*)
			# --opt=value split by COMP_WORDBREAKS
			[[ ${COMP_WORDS[i + 1]} == = ]] && i=$((i + 2))
			;;
		-*) ;;
		*)
			if [[ -z $cmd ]]; then
				cmd=$word
			elif [[ $cmd == help ]]; then
				return 0
			fi
			;;
		esac
	done

	# The value of an option: "--opt value", "--opt=value" as one word,
	# or "--opt" "=" "value" when '=' is in COMP_WORDBREAKS.
	if [[ $cur == = && $prev == --* ]]; then
		opt=$prev cur=
	elif [[ $prev == = ]] && ((COMP_CWORD > 1)) && [[ ${COMP_WORDS[COMP_CWORD - 2]} == --* ]]; then
		opt=${COMP_WORDS[COMP_CWORD - 2]}
	elif [[ $cur == --*=* ]]; then
		opt=${cur%%=*} pre=$opt= cur=${cur#*=}
	else
		case $prev in
		--sysfs-root | --proc-root | --slot | -s | --id | -d | --output | -o | \
		--sort | --prometheus | --filter)
			opt=$prev
			;;
		esac
		case $opt in
		-s | -d | --slot | --id)
			[[ $cmd == inspect || $cmd == topology ]] || opt=
			;;
		-o | --output)
			# snapshot writes a tarball or a directory there
			[[ $cmd == snapshot ]] || opt=
			;;
		esac
	fi

	if [[ -n $opt ]]; then
		case $opt in
		--sysfs-root)
			# a directory, or a snapshot tarball
			compopt -o filenames 2>/dev/null
			mapfile -t COMPREPLY < <(compgen -d -- "$cur"
				compgen -f -- "$cur" | grep -E '\.(tar|tar\.gz|tgz|tar\.xz|txz)$')
			;;
		--proc-root)
			compopt -o filenames 2>/dev/null
			mapfile -t COMPREPLY < <(compgen -d -- "$cur")
			;;
		--color | --colour)
			mapfile -t COMPREPLY < <(compgen -W 'auto always never' -- "$cur")
			;;
		--slot | -s)
			mapfile -t COMPREPLY < <(_iovctl_devices "$cur" pci)
			;;
		--output | -o | --prometheus)
			compopt -o filenames 2>/dev/null
			mapfile -t COMPREPLY < <(compgen -f -- "$cur")
			;;
		--sort)
			# monitor's columns
			mapfile -t COMPREPLY < <(compgen -W 'address role driver node group link iops
				mbps util rx tx drops irqs aer state' -- "$cur")
			;;
		--filter)
			mapfile -t COMPREPLY < <(compgen -W 'drv= node= role= group= pf= state=' -- "$cur")
			compopt -o nospace 2>/dev/null
			;;
		esac
		if [[ -n $pre ]]; then
			for i in "${!COMPREPLY[@]}"; do
				COMPREPLY[i]=$pre${COMPREPLY[i]}
			done
		fi
		return 0
	fi

	if [[ $cur == -* ]]; then
		if [[ -n $cmd && $cmd != help ]]; then
			mapfile -t opts < <("$bin" "$cmd" --list-opts 2>/dev/null)
		else
			mapfile -t opts < <("$bin" --list-opts 2>/dev/null)
		fi
		mapfile -t COMPREPLY < <(compgen -W "${opts[*]}" -- "$cur")
		[[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == *= ]] && compopt -o nospace 2>/dev/null
		return 0
	fi

	case $cmd in
	'')
		mapfile -t COMPREPLY < <(compgen -W "$("$bin" --list-cmds 2>/dev/null)" -- "$cur")
		;;
	help)
		mapfile -t COMPREPLY < <(compgen -W "$("$bin" --list-cmds 2>/dev/null | grep -vx help)" -- "$cur")
		;;
	inspect | topology)
		mapfile -t COMPREPLY < <(_iovctl_devices "$cur")
		;;
	monitor)
		# DEVICE is a PCI address (or PF/vfN)
		mapfile -t COMPREPLY < <(_iovctl_devices "$cur" pci)
		;;
	bench)
		compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(
			[[ -z $cur || $cur == /* ]] && _iovctl_devices "$cur" dev
			compgen -f -- "$cur"
		)
		;;
	*)
		compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		;;
	esac
	return 0
}

complete -F _iovctl iovctl
