#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Hostile trees: copies of the fixture sysfs trees, corrupted at random, run
through inspect, topology, monitor and snapshot. Every run must end by itself (no
hang), without a crash or a sanitizer report, with an exit status iovctl
documents, and, when it fails, with an error that starts with "iovctl:" and
names what it could not use.

usage: hostile-trees.py IOVCTL FIXTURES [--seed N] [--trees N]
The seed is printed; HOSTILE_SEED=N (or --seed N) repeats a run exactly.
PINNED trees (ones that once failed) run first, every time, whatever the seed.
"""
import json
import re
import os
import random
import shutil
import subprocess
import sys
import tempfile

TREES = ['real-vm-sriov', 'switch-no-acs', 'nvme-vf', 'cyclic-caps', 'numa-unknown',
         'real-nvme-sriov-noiommu']
# attributes worth breaking: what dev.c and scan.c parse
ATTRS = ['numa_node', 'local_cpulist', 'resource', 'current_link_speed', 'max_link_speed',
         'current_link_width', 'max_link_width', 'sriov_numvfs', 'sriov_totalvfs',
         'sriov_offset', 'sriov_stride', 'sriov_vf_device', 'sriov_drivers_autoprobe',
         'aer_dev_correctable', 'aer_dev_fatal', 'irq', 'vendor', 'device', 'class',
         'revision', 'power_state', 'reset_method', 'subsystem_vendor']
LINKS = ['driver', 'iommu_group', 'physfn', 'subsystem']
HOST_FILES = ['devices/system/node/online']
RUNS = [
    ['inspect'], ['-j', 'inspect'], ['inspect', '-vv'], ['inspect', '--all'],
    ['-j', 'inspect', '--all', '-vv'],
    ['topology'], ['-j', 'topology'], ['topology', '--dot'],
    # two samples: the second reads every open file again
    ['monitor', '-b', '-n', '2', '-d', '0.1'], ['-j', 'monitor', '-n', '2', '-d', '0.1'],
]
OK_STATUS = {0, 3, 4}   # iovctl(8): 0 ok, 3 runtime error, 4 no such device (1 only with --check)
SANITIZER = ('AddressSanitizer', 'LeakSanitizer', 'runtime error:', 'UndefinedBehaviorSanitizer')
TIMEOUT = 30


class Tree:
    def __init__(self, sys_dir, rng):
        self.sys = sys_dir
        self.rng = rng
        pci = os.path.join(sys_dir, 'bus/pci/devices')
        self.funcs = sorted(os.listdir(pci)) if os.path.isdir(pci) else []
        self.expect = None      # an error every command must report

    def devdir(self, bdf):
        return os.path.realpath(os.path.join(self.sys, 'bus/pci/devices', bdf))

    def pick_func(self):
        return self.rng.choice(self.funcs) if self.funcs else None

    def existing(self, bdf, names):
        d = self.devdir(bdf)
        have = [n for n in names if os.path.lexists(os.path.join(d, n))]
        return os.path.join(d, self.rng.choice(have)) if have else None


def rm(path):
    if os.path.islink(path) or os.path.isfile(path):
        os.unlink(path)
    elif os.path.isdir(path):
        shutil.rmtree(path)


def write(path, data):
    rm(path)
    with open(path, 'wb') as f:
        f.write(data)


def garbage(rng, n):
    return bytes(rng.getrandbits(8) for _ in range(n))


# ---- mutations: each returns a description, or None when the tree has no target ----

def m_truncate_config(t):
    bdf = t.pick_func()
    p = bdf and t.existing(bdf, ['config'])
    if not p or not os.path.isfile(p):
        return None
    n = t.rng.choice([0, 1, 3, 63, 64, 65, 255, 257, t.rng.randrange(0, 4096)])
    with open(p, 'rb') as f:
        data = f.read(n)
    write(p, data)
    return f'{bdf}/config truncated to {n} bytes'


def m_garbage_config(t):
    bdf = t.pick_func()
    p = bdf and t.existing(bdf, ['config'])
    if not p:
        return None
    n = t.rng.choice([64, 256, 4096, 5000])
    data = bytearray(garbage(t.rng, n))
    if t.rng.random() < 0.5:
        # keep a plausible header so the capability walkers get to run
        with open(p, 'rb') as f:
            head = f.read(64)
        data[:len(head)] = head
        data[0x34] = t.rng.choice([0x40, 0x41, 0xfc, 0xff, 0x00])
    write(p, bytes(data))
    return f'{bdf}/config replaced by {n} random bytes'


def m_empty_attr(t):
    bdf = t.pick_func()
    p = bdf and t.existing(bdf, ATTRS)
    if not p:
        return None
    write(p, b'')
    return f'{bdf}/{os.path.basename(p)} empty'


def m_huge_attr(t):
    if t.rng.random() < 0.25:
        p = os.path.join(t.sys, t.rng.choice(HOST_FILES))
        what = os.path.relpath(p, t.sys)
    else:
        bdf = t.pick_func()
        p = bdf and t.existing(bdf, ATTRS)
        if not p:
            return None
        what = f'{bdf}/{os.path.basename(p)}'
    unit = t.rng.choice([b'9', b'0-1,', b'1', b'\0', b'0x1 '])
    write(p, (unit * ((1 << 20) // len(unit) + 1))[:1 << 20])
    return f'{what} is 1 MiB of {unit!r}'


def m_garbage_attr(t):
    if t.rng.random() < 0.2:
        p = os.path.join(t.sys, t.rng.choice(HOST_FILES))
        bdf = 'host'
    else:
        bdf = t.pick_func()
        p = bdf and t.existing(bdf, ATTRS)
        if not p:
            return None
    data = t.rng.choice([garbage(t.rng, t.rng.randrange(1, 200)), b'-1', b'-99999999999999999999',
                         b'99999999999999999999', b'0x', b'\n', b'1\0\0\0', b'3-1', b'0-',
                         b'2147483648', b'-2147483649', b'nan GT/s', b'1e999 GT/s',
                         b'0-9223372036854775807', b'-5-3'])
    write(p, data)
    return f'{bdf}/{os.path.basename(p)} = {data[:40]!r}'


def m_dangling_link(t):
    bdf = t.pick_func()
    if not bdf:
        return None
    if t.rng.random() < 0.3:
        p = os.path.join(t.sys, 'bus/pci/devices', bdf)
        target = '../../../devices/pci0000:00/nowhere/' + bdf
    else:
        p = t.existing(bdf, LINKS + ['virtfn0', 'virtfn1'])
        if not p:
            return None
        target = '../nowhere/' + os.path.basename(p)
    rm(p)
    os.symlink(target, p)
    return f'{os.path.relpath(p, t.sys)} -> {target} (dangling)'


def m_cyclic_link(t):
    bdf = t.pick_func()
    if not bdf:
        return None
    if t.rng.random() < 0.3:
        p = os.path.join(t.sys, 'bus/pci/devices', bdf)
    else:
        p = t.existing(bdf, LINKS + ['virtfn0'])
        if not p:
            return None
    rm(p)
    if t.rng.random() < 0.5:
        os.symlink(os.path.basename(p), p)    # itself
        return f'{os.path.relpath(p, t.sys)} -> itself'
    other = p + '-loop'
    rm(other)
    os.symlink(os.path.basename(other), p)
    os.symlink(os.path.basename(p), other)
    return f'{os.path.relpath(p, t.sys)} <-> {os.path.basename(other)} (cycle)'


def m_dir_for_file(t):
    if t.rng.random() < 0.2:
        p = os.path.join(t.sys, t.rng.choice(HOST_FILES))
        what = os.path.relpath(p, t.sys)
    else:
        bdf = t.pick_func()
        p = bdf and t.existing(bdf, ATTRS + ['config'])
        if not p:
            return None
        what = f'{bdf}/{os.path.basename(p)}'
    rm(p)
    os.makedirs(p)
    return f'{what} is a directory'


def m_vanish(t):
    bdf = t.pick_func()
    if not bdf:
        return None
    d = t.devdir(bdf)
    if not d.startswith(os.path.realpath(t.sys)) or not os.path.isdir(d):
        return None
    shutil.rmtree(d)
    return f'{bdf} vanished (its directory removed, links left)'


def m_devices_not_dir(t):
    p = os.path.join(t.sys, 'bus/pci/devices')
    rm(p)
    write(p, b'0000:00:00.0\n')
    # nothing can be read: every command must fail and say why
    t.expect = 'Not a directory'
    return 'bus/pci/devices is a file'


def set_attr(bdf, name, data):
    def mutate(t):
        write(os.path.join(t.devdir(bdf), name), data)
        return f'{bdf}/{name} = {data[:40]!r}'
    return mutate


def set_host(name, data):
    def mutate(t):
        write(os.path.join(t.sys, name), data)
        return f'{name} = {data[:40]!r}'
    return mutate


# trees that once failed, run every time whatever the seed: (fixture, mutation, found by)
PINNED = [
    # numa_node narrowed to int: 2147483647, topology --dot looped to it (hang)
    ('real-vm-sriov', set_attr('0000:00:1b.0', 'numa_node', b'-2147483649'), 'seed 2'),
    # raw bytes of a garbage node list in inspect -j: invalid UTF-8
    ('numa-unknown', set_host('devices/system/node/online', b"SH\x1ed\xe6\xe1\r\xcc\x9f"), 'seed 3'),
    # monitor -j wrote a driver's or power_state's bytes through json-c: invalid UTF-8
    ('numa-unknown', set_attr('0000:02:00.0', 'power_state', b'D\xe6\xe1\xed\xa0\x80'), 'by hand'),
]

MUTATIONS = [m_devices_not_dir, m_truncate_config, m_garbage_config, m_empty_attr, m_huge_attr, m_garbage_attr,
             m_dangling_link, m_cyclic_link, m_dir_for_file, m_vanish]


def check_run(iovctl, root, args, tmp, failures, label, expect=None):
    cmd = [iovctl, '--color=never', '--sysfs-root', root] + args
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=TIMEOUT,
                           stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        failures.append(f'{label}: {" ".join(args)}: no answer in {TIMEOUT}s (hang)')
        return
    err = p.stderr.decode('utf-8', 'replace')
    where = f'{label}: iovctl {" ".join(args)}'
    if p.returncode < 0 or p.returncode >= 128:
        failures.append(f'{where}: crashed (status {p.returncode}):\n{err[-3000:]}')
        return
    if any(s in err for s in SANITIZER):
        failures.append(f'{where}: sanitizer report:\n{err[-3000:]}')
        return
    if p.returncode not in OK_STATUS:
        failures.append(f'{where}: exit {p.returncode}, not a documented status\n{err[-1000:]}')
        return
    lines = [l for l in err.splitlines() if l.strip()]
    bad = [l for l in lines if not l.startswith('iovctl: ')]
    if bad:
        failures.append(f'{where}: stderr lines that are not iovctl messages: {bad[:3]}')
    if expect and (p.returncode != 3 or not lines or expect not in lines[-1]):
        failures.append(f'{where}: exit {p.returncode}, expected 3 and "{expect}": {lines[-1:]}')
    if p.returncode != 0:
        if not lines:
            failures.append(f'{where}: exit {p.returncode} without a message')
        elif len(lines[-1]) > 300:
            failures.append(f'{where}: error is not one line: {lines[-1][:300]}...')
        elif not re.search(r"'[^']+'", lines[-1]):
            failures.append(f'{where}: the error names nothing: {lines[-1]}')
        return
    if args[0] == '-j':
        try:
            if 'monitor' in args:       # JSON lines
                for line in p.stdout.splitlines():
                    json.loads(line)
            else:
                json.loads(p.stdout)
        except ValueError as e:
            failures.append(f'{where}: JSON does not parse: {e}')
    elif '--dot' in args and not p.stdout.startswith(b'digraph'):
        failures.append(f'{where}: --dot output is not a graph: {p.stdout[:80]!r}')


def check_snapshot(iovctl, root, tmp, failures, label, expect):
    for out in (os.path.join(tmp, 'snap'), os.path.join(tmp, 'snap.tar.gz')):
        check_run(iovctl, root, ['snapshot', '-o', out], tmp, failures, label, expect)
        if os.path.exists(out):
            rm(out)


def main():
    args = sys.argv[1:]
    if len(args) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    iovctl, fixtures = args[0], args[1]
    seed = int(os.environ.get('HOSTILE_SEED', '20261128'))
    ntrees = 24
    if '--seed' in args:
        seed = int(args[args.index('--seed') + 1])
    if '--trees' in args:
        ntrees = int(args[args.index('--trees') + 1])
    print(f'hostile-trees: seed {seed} (HOSTILE_SEED={seed} repeats this run), {ntrees} trees')
    rng = random.Random(seed)
    # tmpfs when there is one: each tree is a few MiB of small files
    scratch = '/dev/shm' if os.access('/dev/shm', os.W_OK) else None
    failures = []
    trees = [n for n in TREES if os.path.isdir(os.path.join(fixtures, n, 'sys'))]
    if not trees:
        print(f'hostile-trees: no fixture trees under {fixtures}', file=sys.stderr)
        return 99
    pinned = [p for p in PINNED if p[0] in trees]
    for i in range(-len(pinned), ntrees):
        name = pinned[i][0] if i < 0 else trees[i % len(trees)]
        with tempfile.TemporaryDirectory(prefix='hostile-', dir=scratch) as tmp:
            # the whole fixture (sys/ and proc/, links relative inside it)
            shutil.copytree(os.path.join(fixtures, name), os.path.join(tmp, 't'), symlinks=True)
            root = os.path.join(tmp, 't', 'sys')
            for dp, dn, fn in os.walk(os.path.join(tmp, 't')):
                os.chmod(dp, 0o755)
            t = Tree(root, rng)
            done = []
            if i < 0:
                done.append(pinned[i][1](t) + f' (pinned, {pinned[i][2]})')
            # each kind at least once (in the first trees), then one to three at random;
            # a tree without bus/pci/devices has nothing else to break
            if 0 <= i < len(MUTATIONS):
                what = MUTATIONS[i](t)
                if what:
                    done.append(what)
            while i >= 0 and not t.expect and len(done) < 1 + rng.randrange(3):
                what = rng.choice(MUTATIONS[1:])(t)
                if what:
                    done.append(what)
            label = f'tree {i} ({name}: {"; ".join(done)})'
            print(label)
            n0 = len(failures)
            for a in RUNS:
                check_run(iovctl, root, a, tmp, failures, label, t.expect)
            check_snapshot(iovctl, root, tmp, failures, label, t.expect)
            for f in failures[n0:]:
                print('  FAIL ' + f.replace('\n', '\n    '))
    print(f'hostile-trees: {len(pinned)} pinned + {ntrees} trees x {len(RUNS) + 2} runs, {len(failures)} failures (seed {seed})')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
