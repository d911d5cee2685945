#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Stage 2 (PID 1 after switch_root into the host's userland over 9p). Loads drivers, enables
# SR-IOV on the NVMe PF and gives the VFs resources so they bind, then runs every iovctl
# subcommand that exists and the peers (lspci, lstopo), writing into /tb (the output share):
#   iovctl/<name>.{out,err,rc,time}  one per iovctl run (stdout, stderr, exit code, seconds)
#   lspci-*.txt, lstopo.xml          peers
#   sysfs-ref.tar                    reference copy of sysfs by an independent copier
#   snapshot.tar.xz                  `iovctl snapshot` of the live guest
#   done                             written last
# Settings come from /tb/job.env (written by run-vm.sh): IOVCTL NUMVFS BINDVFS VQ_PER_VF SCENARIO
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root LANG=C LC_ALL=C TERM=dumb NO_COLOR=1
TBDIR=$(cd "$(dirname "$0")/.." && pwd)     # tests/vm on the host, seen through 9p
OUT=/tb
up() { cut -d' ' -f1 /proc/uptime; }
log() { echo "vm-stage2[$(up)]: $*"; echo "[$(up)] $*" >> $OUT/stage2.log; }
# run a command, its stdout+stderr to a file
cap() { f="$1"; shift; log "+ $* > $f"; "$@" > "$OUT/$f" 2>&1; rc=$?; [ $rc -eq 0 ] || log "  rc=$rc"; return $rc; }
# run a command, command + output to stage2.log
run() { log "+ $*"; "$@" >> $OUT/stage2.log 2>&1; rc=$?; [ $rc -eq 0 ] || log "  rc=$rc"; return $rc; }
finish() { log "stage2 done, powering off"; echo "$(up)" > $OUT/uptime-at-poweroff; sync; poweroff -f 2>/dev/null || busybox poweroff -f; }
# a minbase host has no poweroff (systemd-sysv): busybox-static's does the same
trap finish EXIT INT TERM

IOVCTL=; NUMVFS=4; BINDVFS=4; VQ_PER_VF=2; SCENARIO=
[ -f $OUT/job.env ] && . $OUT/job.env
: > $OUT/stage2.log
log "stage2 start; kernel $(uname -r); cmdline: $(cat /proc/cmdline)"
echo "$(up)" > $OUT/uptime-at-stage2
mount -t devpts devpts /dev/pts 2>/dev/null

# ---- drivers: what udev would do ----
for i in 1 2; do
    for m in /sys/bus/pci/devices/*/modalias /sys/bus/virtio/devices/*/modalias; do
        [ -f "$m" ] && modprobe -q -b "$(cat "$m")" 2>/dev/null
    done
done
modprobe -q nvme; modprobe -q virtio_net; modprobe -q virtio_blk; modprobe -q e1000e
n=0; while [ $n -lt 60 ] && ! ls /sys/class/nvme/nvme* >/dev/null 2>&1; do sleep 1; n=$((n+1)); done
sleep 1
log "nvme controllers: $(ls /sys/class/nvme 2>/dev/null | tr '\n' ' ')"

# ---- SR-IOV: enable VFs, give them NVMe secondary-controller resources, bind them ----
mkdir -p $OUT/nvme
for d in /sys/bus/pci/devices/*; do
    [ -f $d/sriov_totalvfs ] || continue
    bdf=${d##*/}; tot=$(cat $d/sriov_totalvfs)
    n=${NUMVFS:-$tot}; [ "$n" -gt "$tot" ] && n=$tot
    log "SR-IOV PF $bdf totalvfs $tot -> enabling $n"
    nvdev=
    case $(cat $d/class) in 0x010802)
        nvdev=$(ls $d/nvme 2>/dev/null | head -1)
        if [ -n "$nvdev" ]; then
            cntlid=$(cat $d/nvme/$nvdev/cntlid)
            # take the flexible resources away from the primary so they can go to the VFs
            run nvme virt-mgmt /dev/$nvdev -c "$cntlid" -r 0 -a 1 -n 0
            run nvme virt-mgmt /dev/$nvdev -c "$cntlid" -r 1 -a 1 -n 0
            run nvme reset /dev/$nvdev
            sleep 1
        fi
        echo 0 > $d/sriov_drivers_autoprobe ;;
    esac
    run sh -c "echo $n > $d/sriov_numvfs"
    log "  sriov_numvfs now $(cat $d/sriov_numvfs)"
    if [ -n "$nvdev" ]; then
        k=0
        for sc in $(nvme list-secondary /dev/$nvdev 2>/dev/null | awk '/SCID/{print $NF}'); do
            [ $k -lt "$BINDVFS" ] || break
            k=$((k+1)); sc=$(printf %d "$sc")
            run nvme virt-mgmt /dev/$nvdev -c $sc -r 0 -a 8 -n "$VQ_PER_VF"
            run nvme virt-mgmt /dev/$nvdev -c $sc -r 1 -a 8 -n 1
            run nvme virt-mgmt /dev/$nvdev -c $sc -r 0 -a 9 -n 0
        done
        cap nvme/$nvdev-list-secondary.txt nvme list-secondary /dev/$nvdev
        echo 1 > $d/sriov_drivers_autoprobe
        k=0
        for vf in $(ls -d $d/virtfn* 2>/dev/null | sort -V); do
            [ $k -lt "$BINDVFS" ] || break
            k=$((k+1))
            run sh -c "echo $(basename "$(readlink -f $vf)") > /sys/bus/pci/drivers_probe"
        done
    fi
done
# wait for the VFs' namespaces
n=0; while [ $n -lt 30 ]; do
    ls /sys/bus/pci/devices/*/physfn/../*/nvme/nvme*/nvme*n1 >/dev/null 2>&1 && break
    for v in /sys/bus/pci/devices/*; do
        [ -e $v/physfn ] && ls $v/nvme/nvme*/nvme*n* >/dev/null 2>&1 && break 2
    done
    sleep 1; n=$((n+1))
done
log "nvme controllers now: $(ls /sys/class/nvme 2>/dev/null | tr '\n' ' '); block: $(ls /sys/class/block | tr '\n' ' ')"

# ---- peers ----
cap uname.txt uname -a
cp /proc/cmdline $OUT/proc-cmdline.txt
cp /proc/interrupts $OUT/proc-interrupts.txt
cap lspci-tv.txt lspci -tv
cap lspci-vvv-nn-D.txt lspci -vvv -nn -D
cap lspci-D-xxxx.txt lspci -D -xxxx
cap lspci-mm-nn-D.txt lspci -mm -nn -D
cap nvme/nvme-list.txt nvme list
cap lstopo.txt lstopo-no-graphics -v --filter io:all --filter bridge:all
lstopo-no-graphics --filter io:all --filter bridge:all --of xml $OUT/lstopo.xml >> $OUT/stage2.log 2>&1

# ---- iovctl: each subcommand that exists ----
mkdir -p $OUT/iovctl
# iov NAME ARGS...: run iovctl ARGS, recording stdout, stderr, exit code and wall time
iov() {
    name=$1; shift
    log "+ iovctl $* (-> iovctl/$name.*)"
    t0=$(date +%s.%N)
    timeout 120 "$IOVCTL" "$@" > $OUT/iovctl/$name.out 2> $OUT/iovctl/$name.err
    rc=$?
    t1=$(date +%s.%N)
    echo $rc > $OUT/iovctl/$name.rc
    awk -v a=$t0 -v b=$t1 'BEGIN{printf "%.2f\n", b-a}' > $OUT/iovctl/$name.time
    [ $rc -eq 0 ] || log "  rc=$rc: $(head -c 300 $OUT/iovctl/$name.err)"
}
has() { grep -qx "$1" $OUT/iovctl/list-cmds.txt; }
# the first of the long options given that COMMAND accepts
opt() { c=$1; shift; for o in "$@"; do "$IOVCTL" "$c" --list-opts 2>/dev/null | grep -q "^--$o=\?$" && { echo "--$o"; return; }; done; }
if [ -x "$IOVCTL" ]; then
    "$IOVCTL" --version > $OUT/iovctl/version.txt 2>&1
    # the subcommands, and whether the list could be had: check.py skips a facet only
    # for a subcommand missing from a list that --list-cmds gave with exit 0
    "$IOVCTL" --list-cmds > $OUT/iovctl/list-cmds.txt 2> $OUT/iovctl/list-cmds.err
    echo $? > $OUT/iovctl/list-cmds.rc
    log "iovctl $(cat $OUT/iovctl/version.txt); commands: $(tr '\n' ' ' < $OUT/iovctl/list-cmds.txt)"
    if has inspect; then
        iov inspect-json inspect --all -j
        iov inspect-text inspect --all
        iov inspect-check inspect --check
    fi
    if has topology; then
        iov topology-json topology -j
        iov topology-text topology
    fi
    if has bench; then
        # a namespace of the first VF that has one: /sys/bus/pci/devices/VF/nvme/nvmeX/nvmeXnY
        vfbdf=; ns=
        for v in $(ls -d /sys/bus/pci/devices/* | sort -V); do
            [ -e $v/physfn ] || continue
            ns=$(ls -d $v/nvme/nvme*/nvme*n* 2>/dev/null | head -1)
            [ -n "$ns" ] && { vfbdf=${v##*/}; ns=${ns##*/}; break; }
        done
        if [ -n "$ns" ]; then
            echo "device=/dev/$ns vf=$vfbdf numa_node=$(cat /sys/bus/pci/devices/$vfbdf/numa_node)" > $OUT/iovctl/bench-target.txt
            set -- bench -j
            o=$(opt bench runtime time duration seconds); [ -n "$o" ] && set -- "$@" "$o" 2
            o=$(opt bench size); [ -n "$o" ] && set -- "$@" "$o" 8M
            iov bench-json "$@" /dev/$ns
        else
            log "bench: no VF namespace found"
        fi
    fi
    if has monitor; then
        set -- monitor -b -j
        o=$(opt monitor iterations count samples); [ -n "$o" ] && set -- "$@" "$o" 2
        o=$(opt monitor interval delay); [ -n "$o" ] && set -- "$@" "$o" 1
        iov monitor-batch "$@"
        # the VF under load: a read-only bench on the VF's namespace in the background, and
        # monitor's JSON lines meanwhile; check.py wants the VF's iops > 0 after the first sample
        ns=$(sed -n 's|^device=/dev/\([^ ]*\).*|\1|p' $OUT/iovctl/bench-target.txt 2>/dev/null)
        if has bench && [ -n "$ns" ]; then
            log "+ iovctl bench --runtime 8 /dev/$ns & (-> iovctl/monitor-vf-bench.*)"
            timeout 120 "$IOVCTL" bench -j --no-progress --runtime 8 --size 8M /dev/$ns \
                > $OUT/iovctl/monitor-vf-bench.out 2> $OUT/iovctl/monitor-vf-bench.err &
            bpid=$!
            # monitor starts once the bench has I/O in flight (the namespace's stat moves),
            # so that its samples fall inside the run even when TCG is slow to start it
            s0=$(cat /sys/class/block/$ns/stat); n=0
            while [ $n -lt 50 ] && [ "$(cat /sys/class/block/$ns/stat)" = "$s0" ]; do sleep 0.1; n=$((n+1)); done
            iov monitor-vf monitor -b -j -n 3 -d 1
            wait $bpid; echo $? > $OUT/iovctl/monitor-vf-bench.rc
        fi
    fi
    if has snapshot; then
        iov snapshot snapshot -j -o /tmp/snapshot.tar.xz
        cp /tmp/snapshot.tar.xz $OUT/snapshot.tar.xz
    fi
else
    log "no iovctl at '$IOVCTL'"
fi

# ---- scenario "host" (capture-host.sh): host checks, and a VFIO group made non-viable ----
if [ "${SCENARIO:-}" = host ] && [ -x "$IOVCTL" ]; then
    run modprobe vfio-pci
    # the first group with two endpoints (q35's ICH9 functions): its first one goes to vfio-pci,
    # the others keep their drivers
    for g in /sys/kernel/iommu_groups/*; do
        [ -d "$g/devices" ] || continue
        eps=
        for dl in "$g"/devices/*; do
            dd=$(readlink -f "$dl")
            # bridges of every kind (host, ISA, PCI) are never passed through
            case $(cat "$dd/class") in 0x06*) continue ;; esac
            eps="$eps ${dd##*/}"
        done
        set -- $eps
        [ $# -ge 2 ] || continue
        run sh -c "echo vfio-pci > /sys/bus/pci/devices/$1/driver_override"
        [ -e "/sys/bus/pci/devices/$1/driver" ] && run sh -c "echo $1 > /sys/bus/pci/devices/$1/driver/unbind"
        run sh -c "echo $1 > /sys/bus/pci/drivers_probe"
        log "group ${g##*/}: $1 now on $(basename "$(readlink "/sys/bus/pci/devices/$1/driver")"), $2 on $(basename "$(readlink "/sys/bus/pci/devices/$2/driver")")"
        break
    done
    sleep 3     # vfio-pci's runtime PM suspends the idle function (D3hot)
    for d in /sys/bus/pci/devices/*; do
        [ "$(basename "$(readlink "$d/driver" 2>/dev/null)")" = vfio-pci ] &&
            log "${d##*/} on vfio-pci: power_state $(cat "$d/power_state")"
    done
    iov inspect-host-text inspect --host
    iov inspect-host-json inspect --host -j
    iov inspect-host-check inspect --check
    iov snapshot-host snapshot -j -o /tmp/snapshot-host.tar.xz
    cp /tmp/snapshot-host.tar.xz $OUT/snapshot-host.tar.xz
fi

# ---- reference copy of sysfs (independent of iovctl) for the host-side checks ----
rm -rf /tmp/ref; mkdir -p /tmp/ref
run /usr/bin/python3 $TBDIR/guest/sysfs-snap.py /tmp/ref \
    /sys/bus/pci/devices /sys/bus/pci/drivers /sys/devices/pci0000:* \
    /sys/kernel/iommu_groups /sys/devices/system/node /sys/class/nvme /sys/class/block
run tar -C /tmp/ref -cf $OUT/sysfs-ref.tar .
dmesg > $OUT/dmesg.txt 2>&1
log "captures done"
echo ok > $OUT/done
exit 0
