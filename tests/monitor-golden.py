#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Golden tests for `iovctl monitor`: batch frames, JSON lines and the
Prometheus textfile over a copy of the `monitor` fixture whose files are
rewritten between samples.

Time is stepped, not slept: IOVCTL_MONITOR_STEP names a directory with two
FIFOs; iovctl reads a line from `go` before each sample and writes one to
`done` after it, and takes sample k at k times the delay on its clock. The
test changes the tree only while iovctl waits on `go`, so nothing races.
Counter files are rewritten in place (same inode, as sysfs attributes stay
open): iovctl keeps them open and preads them.

usage: monitor-golden.py [--update] [SCENARIO...]
Environment: IOVCTL, FIXTURES (holding monitor/ and monitor-8vf/), top_srcdir.
"""
import difflib
import errno
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time

DELAY = '2'
TIMEOUT = 60    # seconds a step may take before the test gives up on iovctl


def dev(tree, addr):
    return os.path.join(tree, 'sys', 'bus', 'pci', 'devices', addr)


def rewrite(path, text):
    """In place: truncate and write the same inode."""
    with open(path, 'r+') as f:
        f.seek(0)
        f.truncate()
        f.write(text)


def irq_line_set(tree, irq, col, value):
    p = os.path.join(tree, 'proc', 'interrupts')
    with open(p) as f:
        lines = f.read().split('\n')
    for i, l in enumerate(lines):
        m = re.match(r'(\s*%d:)((?:\s+\d+)+)(.*)$' % irq, l)
        if m:
            nums = m.group(2).split()
            nums[col] = str(value)
            lines[i] = m.group(1) + ''.join(' %10s' % n for n in nums) + m.group(3)
    rewrite(p, '\n'.join(lines))


def first_vector(tree, addr):
    return min(int(x) for x in os.listdir(os.path.join(dev(tree, addr), 'msi_irqs')))


def remove_fn(tree, addr):
    real = os.path.realpath(dev(tree, addr))
    shutil.rmtree(real)
    os.unlink(dev(tree, addr))


def vf_addrs(tree, pf):
    d = dev(tree, pf)
    out = {}
    for n in os.listdir(d):
        m = re.match(r'virtfn(\d+)$', n)
        if m:
            out[int(m.group(1))] = os.path.basename(os.readlink(os.path.join(d, n)))
    return out


def set_numvfs(tree, src8, pf, n):
    """Take the PF's VFs away, then copy n of them from the 8-VF tree."""
    d = dev(tree, pf)
    for i, a in vf_addrs(tree, pf).items():
        remove_fn(tree, a)
        os.unlink(os.path.join(d, 'virtfn%d' % i))
    for i, a in sorted(vf_addrs(src8, pf).items())[:n]:
        srcdir = os.path.realpath(dev(src8, a))
        dst = os.path.join(os.path.realpath(d), '..', a)
        shutil.copytree(srcdir, dst, symlinks=True)
        os.symlink(os.readlink(dev(src8, a)), dev(tree, a))
        os.symlink(os.readlink(os.path.join(dev(src8, pf), 'virtfn%d' % i)),
                   os.path.join(d, 'virtfn%d' % i))
    rewrite(os.path.join(d, 'sriov_numvfs'), '%d\n' % n)
    if n:
        with open(os.path.join(src8, 'proc', 'interrupts')) as f:
            rewrite(os.path.join(tree, 'proc', 'interrupts'), f.read())


def stat_add(path, reads, writes, sectors, ticks):
    with open(path) as f:
        v = [int(x) for x in f.read().split()]
    v[0] += reads
    v[2] += sectors
    v[4] += writes
    v[6] += sectors
    v[9] += ticks
    rewrite(path, ' '.join('%8d' % x for x in v) + '\n')


NVME_PF = '0000:01:00.0'
NIC = '0000:81:00.0'
NIC_RP = '0000:80:01.0'
NS0 = 'nvme/nvme0/nvme0n1/stat'


# Each scenario: a list of changes, one per sample after the first.
def sc_irq_wrap(tree, src8, step):
    v = first_vector(tree, NVME_PF)
    if step == 1:
        irq_line_set(tree, v, 0, 4294967000)
    elif step == 2:
        irq_line_set(tree, v, 0, 200)       # +496 across the 32-bit wrap


def sc_numvfs(tree, src8, step):
    set_numvfs(tree, src8, NVME_PF, {1: 0, 2: 8}[step])


def sc_rebind_vfio(tree, src8, step):
    if step != 1:
        return
    d = dev(tree, '0000:01:00.2')
    os.unlink(os.path.join(d, 'driver'))
    os.symlink('../../../../bus/pci/drivers/vfio-pci', os.path.join(d, 'driver'))
    shutil.rmtree(os.path.join(d, 'nvme'))
    shutil.rmtree(os.path.join(d, 'msi_irqs'))  # vfio-pci allocates vectors only when opened


def sc_pf_remove(tree, src8, step):
    if step != 1:
        return
    for a in vf_addrs(tree, NVME_PF).values():
        remove_fn(tree, a)
    remove_fn(tree, NVME_PF)


def sc_link_drop(tree, src8, step):
    d = dev(tree, NIC)
    speed, width = {1: ('8.0 GT/s PCIe', '8'), 2: ('8.0 GT/s PCIe', '8'),
                    3: ('16.0 GT/s PCIe', '16')}[step]
    rewrite(os.path.join(d, 'current_link_speed'), speed + '\n')
    rewrite(os.path.join(d, 'current_link_width'), width + '\n')


def sc_aer(tree, src8, step):
    d = dev(tree, NIC)
    p = os.path.join(d, 'aer_dev_correctable')
    with open(p) as f:
        text = f.read()
    text = re.sub(r'RxErr \d+', 'RxErr %d' % (3 * step), text)
    text = re.sub(r'TOTAL_ERR_COR \d+', 'TOTAL_ERR_COR %d' % (3 * step), text)
    rewrite(p, text)
    rewrite(os.path.join(dev(tree, NIC_RP), 'aer_rootport_total_err_cor'), '%d\n' % (3 * step))


def sc_nvme_reset(tree, src8, step):
    d = dev(tree, NVME_PF)
    state = {1: 'resetting', 2: 'resetting', 3: 'live'}[step]
    rewrite(os.path.join(d, 'nvme/nvme0/state'), state + '\n')
    # I/O stops while the controller resets, then resumes
    if step == 1 or step == 3:
        stat_add(os.path.join(d, NS0), 2000, 1000, 24000, 1500)


def sc_counter_reset(tree, src8, step):
    if step == 1:
        stat = os.path.join(dev(tree, NIC), 'net/eth0/statistics')
        rewrite(os.path.join(stat, 'rx_bytes'), '1000\n')  # the driver reset its counters


def sc_traffic(tree, src8, step):
    stat = os.path.join(dev(tree, NIC), 'net/eth0/statistics')
    for name, add in (('rx_bytes', 2000000), ('rx_packets', 2000), ('tx_bytes', 500000)):
        p = os.path.join(stat, name)
        with open(p) as f:
            v = int(f.read())
        rewrite(p, '%d\n' % (v + add))


def sc_nothing(tree, src8, step):
    pass


SCENARIOS = {
    'irq-wrap': (sc_irq_wrap, 3, []),
    'numvfs-4-0-8': (sc_numvfs, 3, []),
    'rebind-vfio': (sc_rebind_vfio, 2, []),
    'pf-hot-remove': (sc_pf_remove, 3, []),
    'link-drop': (sc_link_drop, 4, [NIC]),
    'aer': (sc_aer, 3, [NIC_RP, NIC]),
    'nvme-reset': (sc_nvme_reset, 4, [NVME_PF]),
    'counter-reset': (sc_counter_reset, 3, ['--filter', 'role=pf']),
    # a VF named PF/vfN without its PF: still "VF 1"; and sorting by a column
    'select-vf': (sc_nothing, 2, ['0000:01:00.0/vf1', '81:00.0']),
    # the NIC's traffic puts it above the NVMe PF; -a: an active-rows frame
    'sort-rx': (sc_traffic, 2, ['--sort', 'rx']),
    'active': (sc_nvme_reset, 2, ['-a']),
}


def open_writer(path, p):
    """Open a FIFO for writing once iovctl opened it for reading; None if it died."""
    end = time.monotonic() + TIMEOUT
    while time.monotonic() < end and p.poll() is None:
        try:
            return os.open(path, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as e:
            if e.errno != errno.ENXIO:
                raise
            time.sleep(0.01)
    return None


def read_line(fd, p):
    """One line from iovctl's `done` FIFO; None if it died or hung."""
    data = b''
    end = time.monotonic() + TIMEOUT
    while time.monotonic() < end:
        r, _, _ = select.select([fd], [], [], 0.1)
        chunk = os.read(fd, 64) if r else b''
        data += chunk
        if data.endswith(b'\n'):
            return data
        if not chunk:
            # no writer yet, or it is gone
            if p.poll() is not None:
                return None
            time.sleep(0.005)
    return None


def run(iovctl, fixtures, name, mode, work):
    fn, steps, extra = SCENARIOS[name]
    tree = os.path.join(work, 'tree')
    if os.path.exists(tree):
        shutil.rmtree(tree)
    shutil.copytree(os.path.join(fixtures, 'monitor'), tree, symlinks=True)
    src8 = os.path.join(fixtures, 'monitor-8vf')
    fifo = os.path.join(work, 'fifo')
    shutil.rmtree(fifo, ignore_errors=True)
    os.mkdir(fifo)
    os.mkfifo(os.path.join(fifo, 'go'))
    os.mkfifo(os.path.join(fifo, 'done'))
    prom = os.path.join(work, 'prom', 'iovctl.prom')
    os.makedirs(os.path.dirname(prom), exist_ok=True)
    args = [iovctl, '--sysfs-root', os.path.join(tree, 'sys'), 'monitor', '-d', DELAY,
            '-n', str(steps)]
    args += ['-j'] if mode == 'json' else ['-b', '--prometheus', prom]
    args += extra
    env = dict(os.environ, IOVCTL_MONITOR_STEP=fifo, TZ='UTC', LC_ALL='C', NO_COLOR='1')
    env.pop('IOVCTL_SYSFS_ROOT', None)
    out = open(os.path.join(work, 'out'), 'w+')
    err = open(os.path.join(work, 'err'), 'w+')
    p = subprocess.Popen(args, stdout=out, stderr=err, env=env)
    proms = []
    go = open_writer(os.path.join(fifo, 'go'), p)
    done = os.open(os.path.join(fifo, 'done'), os.O_RDONLY | os.O_NONBLOCK)
    for step in range(steps if go is not None else 0):
        if step:
            fn(tree, src8, step)
        try:
            os.write(go, b'%d\n' % step)
        except BrokenPipeError:
            break
        if not read_line(done, p):
            break
        if mode == 'batch':
            with open(prom) as f:
                proms.append('# ---- sample %d ----\n' % (step + 1) + f.read())
    if go is not None:
        os.close(go)
    os.close(done)
    try:
        rc = p.wait(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        p.kill()
        rc = p.wait()
    out.seek(0)
    err.seek(0)
    o, e = out.read(), err.read()
    text = o + ('-- stderr --\n' + e if e else '') + '-- exit %d --\n' % rc
    text = text.replace(tree, '@ROOT@')
    res = {('json' if mode == 'json' else 'txt'): text}
    if mode == 'batch':
        res['prom'] = ''.join(proms)
    return res


def main(argv):
    update = '--update' in argv
    names = [a for a in argv if not a.startswith('--')] or list(SCENARIOS)
    top = os.environ.get('top_srcdir') or os.path.join(os.path.dirname(__file__), '..')
    iovctl = os.environ.get('IOVCTL') or os.path.join(top, 'iovctl')
    fixtures = os.environ.get('FIXTURES')
    expdir = os.path.join(top, 'tests', 'expected', 'monitor')
    if not fixtures or not os.path.isdir(os.path.join(fixtures, 'monitor')):
        print('SKIP: no monitor fixture under FIXTURES')
        return 77
    os.makedirs(expdir, exist_ok=True)
    fail = 0
    with tempfile.TemporaryDirectory() as work:
        for name in names:
            got = {}
            for mode in ('batch', 'json'):
                got.update(run(iovctl, fixtures, name, mode, work))
            for ext, text in sorted(got.items()):
                path = os.path.join(expdir, '%s.%s' % (name, ext))
                if update:
                    with open(path, 'w') as f:
                        f.write(text)
                    print('updated: %s' % path)
                    continue
                try:
                    with open(path) as f:
                        want = f.read()
                except OSError:
                    want = ''
                if want != text:
                    fail += 1
                    sys.stdout.writelines(difflib.unified_diff(
                        want.splitlines(True), text.splitlines(True), path, 'got'))
                    print('FAIL: %s.%s' % (name, ext))
                else:
                    print('PASS: %s.%s' % (name, ext))
    return 1 if fail else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
