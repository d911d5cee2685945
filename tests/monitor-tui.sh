#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The monitor's screen, driven through tmux: folding, sort, search, filter,
# the events pane (events made by rewriting fixture files in place), resize
# with columns dropped by priority, colour, and the terminal restored after
# q, SIGTERM, Ctrl-C, SIGHUP (all exit 0) and a crash. The pane is polled for
# markers with a timeout, never slept on.
. "${top_srcdir:-.}/tests/lib.sh"

command -v tmux >/dev/null 2>&1 || skip "tmux is not installed"
[ -n "$IOVCTL" ] || IOVCTL=./iovctl
[ -n "$FIXTURES" ] || FIXTURES=tests/fixtures/gen
[ -d "$FIXTURES/nic-64vf-ari/sys" ] || skip "fixture nic-64vf-ari not generated"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/monitor-tui.XXXXXX")
SOCK=$WORK/tmux.sock
T() {
	env -u TMUX tmux -S "$SOCK" -f /dev/null "$@"
}
cleanup() {
	T kill-server >/dev/null 2>&1
	rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# The tree is rewritten by the test, so each run gets its own copy.
cp -a "$FIXTURES/nic-64vf-ari/sys" "$WORK/sys"
PF=0000:81:00.0
NUMVFS=$WORK/sys/bus/pci/devices/$PF/sriov_numvfs

screen() {
	T capture-pane -p -t "$S"
}
fail() {
	echo "FAIL: $*" >&2
	echo "--- the pane:" >&2
	screen >&2
	exit 1
}
# poll CMD...: run CMD every 0.1 s until it succeeds; fail after $TIMEOUT s.
TIMEOUT=${MONITOR_TUI_TIMEOUT:-30}
poll() {
	_n=$((TIMEOUT * 10))
	while ! "$@"; do
		_n=$((_n - 1))
		[ $_n -gt 0 ] || return 1
		sleep 0.1
	done
}
on_screen() {
	screen | grep -Eq -- "$1"
}
off_screen() {
	! screen | grep -Eq -- "$1"
}
# wait_for ERE: the pane shows a line matching ERE
wait_for() {
	poll on_screen "$1" || fail "timed out waiting for /$1/"
}
# wait_gone ERE: no line of the pane matches ERE
wait_gone() {
	poll off_screen "$1" || fail "timed out waiting for /$1/ to go"
}
# keys KEY...: send keys to the monitor (tmux key names: Enter, Left, F6)
keys() {
	T send-keys -t "$S" "$@"
}
# line_after ERE: the pane's line just below the first one matching ERE
line_after() {
	screen | awk -v re="$1" 'f { print; exit } $0 ~ re { f = 1 }'
}
next_row_has() {
	line_after "$1" | grep -Eq -- "$2"
}
# before A B: the first line matching ERE A is above the first matching B
before() {
	screen | awk -v a="$1" -v b="$2" '
		$0 ~ a && !ia { ia = NR } $0 ~ b && !ib { ib = NR }
		END { exit !(ia && ib && ia < ib) }'
}
# file_has FILE ERE
file_has() {
	[ -s "$1" ] && grep -Eq -- "$2" "$1"
}

# start NAME W H: the monitor in a new detached session, its shell left
# behind it to record the exit status and the terminal modes, and to show a
# prompt. Sessions stay until the end: killing the last one would stop the
# server while the next session is being created on its socket.
start() {
	S=$1
	rm -f "$WORK/rc" "$WORK/stty" "$WORK/pid"
	T new-session -d -s "$S" -x "$2" -y "$3" \
		"ulimit -c 0; sh -c 'echo \$\$ >\"$WORK/pid\"; exec $MON_ENV \"$IOVCTL\" $MON_OPTS --sysfs-root \"$WORK/sys\" monitor -d 0.2 $MON_ARGS'; \
		 echo rc=\$? >\"$WORK/rc\"; stty -a >\"$WORK/stty\"; echo SHELL-PROMPT-BACK; exec sleep 600" ||
		fail "tmux cannot start a session (no pseudo-terminals?)"
	wait_for "^ *ADDRESS"
	wait_for "$PF"
}
# colored: the pane shows a foreground or background colour (SGR 30-37, 40-47)
colored() {
	T capture-pane -e -p -t "$S" | grep -Eq "$(printf '\033')\[([0-9]+;)*[34][0-7](;[0-9]+)*m"
}
MON_ENV="env -u NO_COLOR"
MON_OPTS=
MON_ARGS=

# finished RC: the monitor exited with RC and left the terminal as it was
finished() {
	poll file_has "$WORK/rc" "^rc=" || fail "the monitor did not exit"
	poll file_has "$WORK/stty" "." || fail "no stty output after exit"
	grep -qx "rc=$1" "$WORK/rc" || fail "exit status $(cat "$WORK/rc"), expected rc=$1"
	wait_for "SHELL-PROMPT-BACK"
	# left the alternate screen: the monitor's header and rows are gone
	off_screen "ADDRESS|$PF" || fail "the monitor's screen is still shown after exit"
	# terminal modes back to cooked: echo and canonical input on
	for m in icanon echo icrnl opost; do
		grep -Eq "(^| )$m( |$)" "$WORK/stty" || \
			fail "terminal left with -$m: $(cat "$WORK/stty")"
	done
}

# --- a session at 160x48 -------------------------------------------------------
start main 160 48

# VFs are folded under their PF at first
off_screen "0000:81:01\.0" || fail "VFs shown before the PF is expanded"
wait_for "GROUP"
poll colored || fail "no colour on a colour terminal without NO_COLOR"

# search jumps to the PF; Enter expands it, Left folds it again
keys / 81:00.0 Enter
wait_for "sel $PF"
keys Enter
wait_for "0000:81:01\.0"
keys Left
wait_gone "0000:81:01\.0"
keys Right
wait_for "0000:81:01\.0"
# * unfolds every PF, then folds them all
keys Left '*'
wait_for "0000:81:01\.0"
keys '*'
wait_gone "0000:81:01\.0"
keys Right
wait_for "0000:81:01\.0"

# sort: from ADDRESS, > moves on to ROLE then DRIVER. The PF's VFs 0-31 are
# on vfio-pci, 32-61 on iavf: by address vfio-pci comes first, by driver iavf.
poll next_row_has "$PF" "0000:81:01\.0" || fail "first VF under the PF in address order is not 81:01.0"
poll before "vfio-pci" "iavf" || fail "by address, vfio-pci VFs do not come first"
keys '>' '>'
wait_for "sort DRIVER"
poll before "iavf" "vfio-pci" || fail "sorted by driver, iavf does not come before vfio-pci"
keys '<' '<'
wait_for "sort ADDRESS"
# F6: the column from a list; Esc leaves it unchanged
keys F6
wait_for "Sort by"
keys Down Down Down Down Down Down Down Down Down Down Down Down Down Down Up Enter
wait_for "sort AER"
keys F6 Up Escape
wait_gone "Sort by"
on_screen "sort AER" || fail "Esc in the sort list changed the sort"
keys '<' '<' '<' '<' '<' '<' '<' '<' '<' '<' '<' '<' '<'
wait_for "sort ADDRESS"
poll next_row_has "$PF" "0000:81:01\.0" || fail "back in address order, 81:01.0 is not first"

# search reveals a VF far below the screen, folded or not
keys Left
wait_gone "0000:81:01\.0"
keys / 81:08.5 Enter
wait_for "sel 0000:81:08\.5"
wait_for "^.*0000:81:08\.5 "
# n and N: the next and previous match; a VF by its PF/vfN name
keys / 81:08. Enter n
wait_for "sel 0000:81:08\.6"
keys N
wait_for "sel 0000:81:08\.5"
keys / $PF/vf3 Enter
wait_for "sel 0000:81:01\.3 "

# filter: a bad expression is refused in place, saying why
keys '\' C-u bogus Enter
wait_for "filter: bogus +invalid filter 'bogus'"
keys Escape
wait_gone "filter: bogus"
# filter: only vfio-pci functions; then cleared
keys '\' drv=vfio-pci Enter
wait_for "filter drv=vfio-pci"
wait_gone "iavf"
wait_for "0000:81:01\.0"
keys '\' C-u Enter
wait_gone "filter drv"
wait_for "iavf"

# the events pane shows a change of sriov_numvfs, written in place
keys e
wait_for "Events"
printf '0\n' >"$NUMVFS.new" && cat "$NUMVFS.new" >"$NUMVFS"
wait_for "^[0-2][0-9]:[0-5][0-9]:[0-5][0-9] $PF sriov_numvfs 64 *(->|→) *0"
# a link trained down to 8 GT/s x8: the row says so and so do the events,
# then it is restored
DEV=$WORK/sys/bus/pci/devices/$PF
printf '8.0 GT/s PCIe\n' >"$DEV/current_link_speed"
printf '8\n' >"$DEV/current_link_width"
wait_for "$PF +PF +ice .* 8 GT/s x8 \(16 GT/s x16\)"
wait_for "$PF link 16 GT/s x16 -> 8 GT/s x8 \(degraded\)"
printf '16.0 GT/s PCIe\n' >"$DEV/current_link_speed"
printf '16\n' >"$DEV/current_link_width"
wait_for "$PF link 8 GT/s x8 -> 16 GT/s x16 \(restored\)"
wait_gone "$PF +PF +ice .* 8 GT/s x8"
keys e
wait_gone "Events"

# pause and resume; + and - step the interval
keys p
wait_for "PAUSED"
keys p
wait_gone "PAUSED"
keys + + +
wait_for "every 2s"

# active only: nothing moves in the tree until AER counters go up, 3 on the
# PF and 2 on its VF 1; then both show for one interval, with the errors
# since the last refresh, the PF row summing its VFs
VF1=0000:81:01.1
bump_aer() {
	_f=$WORK/sys/bus/pci/devices/$1/aer_dev_correctable
	sed "s/^RxErr 0\$/RxErr $2/; s/^TOTAL_ERR_COR 0\$/TOTAL_ERR_COR $2/" "$_f" >"$_f.new"
	cat "$_f.new" >"$_f"
}
keys a
wait_for "active only"
wait_gone "^[^s]*$PF"
bump_aer $PF 3
bump_aer $VF1 2
wait_for "$PF .* \+5 "
wait_for "$VF1 .* \+2 "
# with the events pane closed the header counts the two AER events; opening
# the pane shows them and clears the count
wait_for "2 new events \(e\)"
keys e
wait_for "$VF1 AER errors 0 -> 2"
wait_for "$PF AER errors 0 -> 3"
wait_gone "new events? \(e\)"
keys e
wait_gone "Events"
keys a - - -
wait_gone "active only"
wait_for "every 0.2s"

# resize: at 80x24 the columns of lowest priority go (GROUP, NODE, DROP/s,
# UTIL%, IRQ/s, AER), the rest fit. (tmux crops the old screen at once, so
# wait for the redrawn title line, whose last column is STATE.)
T resize-window -t "$S" -x 80 -y 24
wait_for "^ADDRESS +ROLE +DRIVER +LINK +IOPS +I/O +RX +TX +STATE *$"
T resize-window -t "$S" -x 200 -y 50
wait_for "^ADDRESS +ROLE +DRIVER +NODE +GROUP +LINK +IOPS +I/O +UTIL% +RX +TX +DROP/s +IRQ/s +AER +STATE *$"

# help, then q: exit 0 and the terminal restored
keys '?'
wait_for "Keys"
keys q
wait_gone "Keys"
keys q
finished 0

# --- --width caps the columns used, as in the other commands -------------------
# (a 120-column terminal; at 60 the title keeps ADDRESS..STATE by priority and no
# line of the pane passes column 60)
MON_OPTS="--width 60"
start width 120 30
wait_for "^ADDRESS +ROLE .*IOPS .*STATE *$"
widest() { screen | sed 's/ *$//' | awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }'; }
[ "$(widest)" -le 60 ] || fail "--width 60: a line of $(widest) columns"
on_screen "IOPS" || fail "--width 60: IOPS dropped, though it fits"
keys '?'
wait_for "Keys"
[ "$(widest)" -le 60 ] || fail "--width 60: a help line of $(widest) columns"
keys q
wait_gone "Keys"
keys q
finished 0
MON_OPTS=

# --- SIGTERM and Ctrl-C restore the terminal too -------------------------------
printf '64\n' >"$NUMVFS.new" && cat "$NUMVFS.new" >"$NUMVFS"
# (NO_COLOR: no colour, unless --color=always)
MON_ENV="env NO_COLOR=1"
start term 100 30
! colored || fail "colour shown under NO_COLOR=1"
kill -TERM "$(cat "$WORK/pid")"
finished 0

MON_OPTS=--color=always
start int 100 30
poll colored || fail "no colour with --color=always under NO_COLOR=1"
keys C-c
finished 0

# SIGHUP as SIGTERM (all three stop the monitor cleanly: exit 0, as in batch
# mode; death by the signal would be 128 + N); a crash (SIGSEGV) restores the terminal from its
# handler with saved bytes and modes, then dies of the signal
MON_OPTS=
start hup 100 30
kill -HUP "$(cat "$WORK/pid")"
finished 0

start segv 100 30
kill -SEGV "$(cat "$WORK/pid")"
finished 139

# -n: the screen stops by itself after that many samples
MON_ARGS="-n 10"
start count 100 30
finished 0
exit 0
