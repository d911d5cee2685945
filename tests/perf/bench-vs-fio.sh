#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# iovctl bench against fio (ioengine=io_uring) with identical settings, on
# null_blk when the kernel has it, else on a loop device over a tmpfs file.
# A measurement, not a test: run it by hand, as root, on a quiet machine.
#
#   tests/perf/bench-vs-fio.sh [ROUNDS]   (env: IOVCTL, RUNTIME, RAMP, SIZE, DEV, CPUS,
#                                                ONLY=REGEX picks jobs by name,
#                                                FIO_MEM=fio's --mem,
#                                                KEEP=1 keeps the raw JSON)
#
# CPUS=LIST pins both tools to LIST (fio cpus_allowed, iovctl --cpus) and,
# on a loop device, confines unbound workqueues (the loop worker's) to LIST
# too, restoring the mask at exit; CPUS= (empty) leaves everything unpinned.
# The default on a loop device is the last CPU. Why: each loop I/O is handed
# to a kworker, and unpinned, whether that worker runs on the submitting CPU
# or wakes an idle one decides the QD1 result (2x apart on a 2-vCPU guest,
# where an idle vCPU is halted) and flips between runs of the same tool.
# On one CPU both tools do the same work without that lottery, so the ratio
# compares the tools. null_blk (irqmode=0) completes inline: unpinned there.
#
# Jobs: 4k randread QD1 and QD32, 128k read QD8, each with and without fixed
# buffers; fio and iovctl alternate (the first to run swaps every round).
# Reported per job: the median over the rounds of the per-round ratios
# iovctl/fio for IOPS, p50 and p99; the median of per-round ratios resists a
# busy machine better than a ratio of means. On a shared host use more,
# shorter rounds: RUNTIME=1s RAMP=500ms tests/perf/bench-vs-fio.sh 15.
#
# Latency compared is fio's total latency (lat_ns, lat_percentiles=1: from
# fio's start of the I/O to its completion) with iovctl's (queueing to
# completion); both are what a caller waits. Targets: IOPS ratio >= 1.0;
# p50 and p99 no more than 5% above fio's. With QD I/Os always in flight,
# Little's law makes mean latency QD / IOPS, so a tool that is faster at the
# same depth is also lower in latency: "within 5%" can only be asked of the
# slow side. That the latency itself is exact is checked apart: IOPS times
# mean latency over QD must be 1 within 2% (printed for both tools).
#
# FIO_MEM sets fio's --mem (default: fio's, malloc). iovctl puts I/Os of
# 64k and more in transparent huge pages; FIO_MEM=shmhuge gives fio huge
# pages too (reserve them first: sysctl vm.nr_hugepages=64).
#
# Settings that make the two do the same work: uniform random offsets with
# no random map (norandommap), O_DIRECT, one job, and the same batching:
# iovctl submits every I/O it has queued in one io_uring_enter and reaps all
# completions there are, which for fio is iodepth_batch_submit=QD and
# iodepth_batch_complete_max=QD (fio's default submits I/Os one by one; that
# lowers its IOPS and, on a loop device, doubles its QD32 p50; iovctl
# --batch-submit 1 does the same). fio defaults otherwise.
#
# Also printed: CPU time of the submitting thread per I/O (user + system),
# which the noise of a shared machine disturbs less than IOPS.
set -u

ROUNDS=${1:-3}
RUNTIME=${RUNTIME:-3s}
RAMP=${RAMP:-1s}
SIZE=${SIZE:-1G}
here=$(cd "$(dirname "$0")" && pwd)
IOVCTL=${IOVCTL:-$here/../../iovctl}

die() {
	echo "bench-vs-fio: $*" >&2
	[ -n "${WORK:-}" ] && : >"$WORK/failed"	# the job loop runs in a subshell
	exit 1
}

command -v fio >/dev/null 2>&1 || die "fio is not installed"
command -v python3 >/dev/null 2>&1 || die "python3 is needed to read the JSON"
[ -x "$IOVCTL" ] || die "no iovctl at $IOVCTL (build first, or set IOVCTL)"
[ "$(id -u)" = 0 ] || die "run as root (block devices)"

WORK=$(mktemp -d /tmp/bench-vs-fio.XXXXXX) || die "mktemp"
LOOP=""
NULLB=""
cleanup() {
	[ -n "${WQSAVED:-}" ] && echo "$WQSAVED" >/sys/devices/virtual/workqueue/cpumask
	[ -n "$LOOP" ] && losetup -d "$LOOP"
	[ -n "$NULLB" ] && modprobe -r null_blk 2>/dev/null
	if [ -n "${KEEP:-}" ]; then
		echo "raw JSON kept in $WORK" >&2
	else
		rm -rf "$WORK"
	fi
	rm -f /dev/shm/bench-vs-fio.img
}
trap cleanup EXIT
trap 'exit 1' INT TERM

DEV=${DEV:-}
if [ -z "$DEV" ] && modprobe null_blk queue_mode=2 irqmode=0 gb=1 bs=512 nr_devices=1 2>/dev/null &&
	[ -b /dev/nullb0 ]; then
	DEV=/dev/nullb0
	NULLB=1
	what="null_blk (irqmode=0, blk-mq)"
fi
if [ -z "$DEV" ]; then
	fallocate -l "$SIZE" /dev/shm/bench-vs-fio.img 2>/dev/null ||
		dd if=/dev/zero of=/dev/shm/bench-vs-fio.img bs=1M count=1024 status=none ||
		die "cannot create the tmpfs backing file"
	LOOP=$(losetup -f --show /dev/shm/bench-vs-fio.img) || die "cannot attach a loop device"
	DEV=$LOOP
	what="loop device over a $SIZE tmpfs file (no null_blk in this kernel)"
fi

WQMASK=/sys/devices/virtual/workqueue/cpumask
WQSAVED=""
if [ "${CPUS+set}" != set ]; then
	CPUS=""
	[ -n "$LOOP" ] && CPUS=$(($(nproc) - 1))
fi
if [ -n "$CPUS" ] && [ -n "$LOOP" ] && [ -w "$WQMASK" ]; then
	WQSAVED=$(cat "$WQMASK")
	mask=$(python3 -c 'import sys
m = 0
for part in sys.argv[1].split(","):
    lo, _, hi = part.partition("-")
    for c in range(int(lo), int(hi or lo) + 1):
        m |= 1 << c
h = "%x" % m
h = "0" * (-len(h) % 8) + h	# the kernel wants 32-bit groups, comma-separated
print(",".join(h[i:i + 8] for i in range(0, len(h), 8)))' "$CPUS") || die "CPUS=$CPUS: not a CPU list"
	echo "$mask" >"$WQMASK" || die "cannot confine unbound workqueues to CPUs $CPUS"
	what="$what; loop worker on CPUs $CPUS"
fi

echo "device:  $DEV, $what"
echo "kernel:  $(uname -r), $(nproc) CPUs; $(fio --version); iovctl $("$IOVCTL" --version | cut -d' ' -f2)"
echo "runs:    $RUNTIME after $RAMP warm-up, $ROUNDS rounds, alternating, $([ -n "$CPUS" ] && echo "CPUs $CPUS" || echo unpinned)${FIO_MEM:+, fio --mem=$FIO_MEM}"
echo

# name rw bs qd fixed
JOBS="4k-randread-qd1 randread 4k 1 0
4k-randread-qd1-fixed randread 4k 1 1
4k-randread-qd32 randread 4k 32 0
4k-randread-qd32-fixed randread 4k 32 1
128k-read-qd8 read 128k 8 0
128k-read-qd8-fixed read 128k 8 1"
if [ -n "${ONLY:-}" ]; then
	JOBS=$(echo "$JOBS" | grep -E "^($ONLY) ") || die "ONLY=$ONLY matches no job"
fi

run_fio() { # out rw bs qd fixed
	fio --name=job --filename="$DEV" --ioengine=io_uring --direct=1 --rw="$2" --bs="$3" \
		--iodepth="$4" --iodepth_batch_submit="$4" --iodepth_batch_complete_max="$4" \
		--fixedbufs="$5" --runtime="$RUNTIME" --ramp_time="$RAMP" \
		--time_based --norandommap --randrepeat=0 --lat_percentiles=1 \
		--numjobs=1 ${CPUS:+--cpus_allowed=$CPUS} ${FIO_MEM:+--mem=$FIO_MEM} --output-format=json --output="$1" \
		>/dev/null 2>"$1.err" ||
		die "fio failed: $(cat "$1.err")"
}

run_iovctl() { # out rw bs qd fixed
	fb=""	# sh has no locals: do not clobber the caller's $fixed
	[ "$5" = 1 ] && fb=--fixed-buffers
	"$IOVCTL" -j bench "$DEV" --rw "$2" --bs "$3" --qd "$4" $fb --runtime "$RUNTIME" \
		--ramp "$RAMP" ${CPUS:+--cpus $CPUS} --no-progress >"$1" 2>"$1.err" ||
		die "iovctl failed: $(cat "$1.err")"
}

echo "$JOBS" | while read -r name rw bs qd fixed; do
	r=1
	while [ $r -le "$ROUNDS" ]; do
		if [ $((r % 2)) = 1 ]; then
			run_fio "$WORK/$name.fio.$r" "$rw" "$bs" "$qd" "$fixed"
			run_iovctl "$WORK/$name.iov.$r" "$rw" "$bs" "$qd" "$fixed"
		else
			run_iovctl "$WORK/$name.iov.$r" "$rw" "$bs" "$qd" "$fixed"
			run_fio "$WORK/$name.fio.$r" "$rw" "$bs" "$qd" "$fixed"
		fi
		r=$((r + 1))
	done
	echo "$name" >>"$WORK/names"
done
echo "$JOBS" >"$WORK/jobs"
[ -e "$WORK/failed" ] && exit 1

python3 - "$WORK" "$ROUNDS" <<'PY'
import json, statistics, sys
work, rounds = sys.argv[1], int(sys.argv[2])

def fio(path):
    job = json.load(open(path))["jobs"][0]
    j = job["read"]
    p = j["lat_ns"]["percentile"]
    cpu = (job["usr_cpu"] + job["sys_cpu"]) / 100 * job["job_runtime"] / 1e3
    return j["iops"], p["50.000000"], p["99.000000"], cpu / max(j["total_ios"], 1), j["lat_ns"]["mean"]

def iov(path):
    r = json.load(open(path))["bench"]["targets"][0]["results"]
    p = r["latency_ns"]["percentiles"]
    cpu = r["cpu"]["usr_s"] + r["cpu"]["sys_s"]
    return r["iops"], p["50"], p["99"], cpu / max(r["ios"], 1), r["latency_ns"]["mean"]

def little(x, qd):
    # Little's law with qd always in flight: qd = IOPS * mean latency
    return x[0] * x[4] / 1e9 / qd

hdr = "%-24s %9s %9s %6s  %8s %8s %6s  %8s %8s %6s  %6s %6s" % (
    "job", "fio IOPS", "iovctl", "ratio", "fio p50", "iovctl", "ratio", "fio p99", "iovctl",
    "ratio", "fio", "iovctl")
print("%-24s %26s  %24s  %24s  %13s" % ("", "IOPS", "p50 latency (us)", "p99 latency (us)",
                                       "CPU us/IO"))
print(hdr)
print("-" * len(hdr))
ok = True
spread = []
exact = []
qds = {}
for line in open(work + "/jobs").read().splitlines():
    name, _rw, _bs, qd, _fixed = line.split()
    qds[name] = int(qd)
for name in open(work + "/names").read().split():
    f = [fio("%s/%s.fio.%d" % (work, name, r)) for r in range(1, rounds + 1)]
    i = [iov("%s/%s.iov.%d" % (work, name, r)) for r in range(1, rounds + 1)]
    # per-round ratios (the two ran back to back), then the median
    ratio = [statistics.median(i[r][k] / f[r][k] for r in range(rounds)) for k in range(3)]
    med_f = [statistics.median(x[k] for x in f) for k in range(4)]
    med_i = [statistics.median(x[k] for x in i) for k in range(4)]
    print("%-24s %9.0f %9.0f %6.3f  %8.1f %8.1f %6.3f  %8.1f %8.1f %6.3f  %6.2f %6.2f" % (
        name, med_f[0], med_i[0], ratio[0], med_f[1] / 1e3, med_i[1] / 1e3, ratio[1],
        med_f[2] / 1e3, med_i[2] / 1e3, ratio[2], med_f[3] * 1e6, med_i[3] * 1e6))
    if ratio[0] < 1.0 or ratio[1] > 1.05 or ratio[2] > 1.05:
        ok = False
    qd = qds[name]
    lf = statistics.median(little(x, qd) for x in f)
    li = statistics.median(little(x, qd) for x in i)
    if abs(li - 1) > 0.02:
        ok = False
    exact.append("%-24s IOPS x mean latency / QD: fio %.3f, iovctl %.3f" % (name, lf, li))
    iq = sorted(i[r][0] / f[r][0] for r in range(rounds))
    spread.append("%-24s IOPS ratio per round: min %.3f, quartiles %.3f %.3f, max %.3f" % (
        name, iq[0], iq[len(iq) // 4], iq[(3 * len(iq)) // 4], iq[-1]))
print()
print("\n".join(spread))
print()
print("\n".join(exact))
print()
print("ratios are iovctl / fio, medians of per-round ratios; latency is total (fio lat_ns)")
print("targets (IOPS ratio >= 1.0, p50 and p99 at most 5%% above fio's, iovctl's latency exact"
      " to 2%% by Little's law): %s" % ("met" if ok else "NOT met"))
PY
