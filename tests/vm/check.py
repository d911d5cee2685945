#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Host-side assertions on a finished guest run (tests/vm/run-vm.sh OUT).

usage: check.py OUT [IOVCTL]

A facet that runs iovctl is skipped only when its subcommand is truly absent: missing from the
list `iovctl --list-cmds` printed in the guest (exit 0, iovctl/list-cmds.{txt,rc}). When that list
cannot be had, or a listed subcommand did not run, or exited with a status it must not (a crash is
139), the facet fails with the exit status. Facets:

  commands     `iovctl --list-cmds` ran in the guest, exited 0 and listed the subcommands
  guest        the guest really had SR-IOV: VFs enabled, bound to nvme, each with a namespace;
               IOMMU groups; two NUMA nodes; the expander's functions on node 1
  snapshot     `iovctl snapshot` of the live guest exited 0 and, replayed with lspci on the host,
               gives the guest's own `lspci -vvv -nn -D` and `lspci -tv` (less libkmod's "Kernel
               modules" lines, which need the guest's module files), and holds the same kernel facts as
               an independent copy of sysfs (functions, config bytes, numa_node, iommu_group,
               driver, sriov_numvfs, physfn/virtfn links)
  inspect      every function lspci sees, `inspect --all -j` sees (and with the same parent when
               it names one); SR-IOV numbers, ARI, ACS bits and link speed/width equal lspci's
               decode; VF->PF links and VF counts, IOMMU groups and NUMA nodes equal sysfs
  topology     every function lspci sees sits under the parent lspci gives it (a VF may sit
               under its PF)
  bench        the run reports non-zero IOPS and the VF's NUMA node, and pinned to CPUs of that
               node (where it reports a pinned flag and the CPUs used)
  monitor      batch mode (`monitor -b -j`) exits 0 and reports devices or counters
  monitor-vf   `monitor -b -j -n 3 -d 1` run while a read-only bench runs on the bench VF's
               namespace: the VF's own line (by address) shows iops > 0 in a sample after the
               first (the first has no rates)
  replay       `iovctl --sysfs-root SNAPSHOT/sys inspect --all -j` on the host is byte for byte
               the guest's live `inspect --all -j` (same for `topology -j`)

The JSON is read without assuming iovctl's key layout: a device is an object holding its own
DDDD:BB:DD.F address (under a key such as 'address'); SR-IOV facts are numbers under a key
containing 'sriov'; nesting of device objects is topology. Exits 1 when any facet fails.
"""
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile

BDF = re.compile(r'^[0-9a-f]{4,8}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$')
ADDR_KEYS = ('address', 'bdf', 'pci_address', 'addr', 'slot', 'id', 'name', 'device')

results = []        # (facet, status, message)
CMDS = None         # the guest iovctl's subcommands (iovctl --list-cmds), once read
CMDS_ERR = None     # why there is no such list (the run failed), else None


def report(facet, ok, msg):
    results.append((facet, 'PASS' if ok else 'FAIL', msg))


def skip(facet, why):
    results.append((facet, 'SKIP', why))


def read(path):
    try:
        with open(path) as f:
            return f.read().strip()
    except OSError:
        return None


def is_bdf(v):
    return isinstance(v, str) and BDF.match(v.lower()) is not None


# ---- JSON, schema-tolerant ---------------------------------------------------------------------

def own_addr(o):
    for k in ADDR_KEYS:
        if is_bdf(o.get(k)):
            return o[k].lower()
    return None


def devices(js):
    """{bdf: (object, nesting parent bdf or None)} for every device object."""
    acc = {}

    def walk(o, parent):
        if isinstance(o, dict):
            a = own_addr(o)
            if a:
                acc.setdefault(a, (o, parent))
                parent = a
            for v in o.values():
                walk(v, parent)
        elif isinstance(o, list):
            for v in o:
                walk(v, parent)
    walk(js, None)
    return acc


def flat(o, path=''):
    """(key path, value) pairs of one device object, not entering other device objects."""
    if isinstance(o, dict):
        for k, v in o.items():
            if isinstance(v, dict) and own_addr(v):
                continue
            yield from flat(v, f'{path}.{k}'.lower())
    elif isinstance(o, list):
        for v in o:
            if isinstance(v, dict) and own_addr(v):
                continue
            yield from flat(v, path)
    else:
        yield path, o


def as_num(v):
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, (int, float)):
        return float(v)
    m = re.match(r'^\s*(?:0x([0-9a-f]+)|([0-9.]+))', str(v), re.I)
    if not m:
        return None
    return float(int(m.group(1), 16)) if m.group(1) else float(m.group(2))


def load_json(path):
    try:
        with open(path) as f:
            return json.load(f), None
    except (OSError, ValueError) as e:
        return None, str(e)


# ---- lspci -vvv -D ----------------------------------------------------------------------------

def parse_lspci(text):
    """{bdf: {'lines': [...], 'sriov': {...}, 'ari': bool, 'arifwd': bool|None,
              'acscap': {bit: bool}, 'acsctl': {...}, 'lnkcap': (speed, width), 'lnksta': ...,
              'secondary': int|None}}"""
    devs, cur, head = {}, None, None
    for line in text.splitlines():
        m = re.match(r'^([0-9a-f]{4,8}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]) ', line)
        if m:
            cur = devs.setdefault(m.group(1), {'lines': [], 'sriov': {}, 'ari': False,
                                               'arifwd': None, 'arifwdcap': None,
                                               'acscap': None, 'acsctl': None,
                                               'lnkcap': None, 'lnksta': None, 'secondary': None})
            continue
        if cur is None or not line.startswith('\t'):
            continue
        cur['lines'].append(line.strip())
        s = line.strip()
        m = re.match(r'^([A-Za-z0-9]+):', s)
        head = m.group(1) if m else head    # continuation lines belong to the last heading
        m = re.search(r'Initial VFs: (\d+), Total VFs: (\d+), Number of VFs: (\d+)', s)
        if m:
            cur['sriov'].update(zip(('initial', 'total', 'num'), map(int, m.groups())))
        m = re.search(r'VF offset: (\d+), stride: (\d+), Device ID: ([0-9a-f]+)', s)
        if m:
            cur['sriov'].update(offset=int(m.group(1)), stride=int(m.group(2)),
                                vfdid=int(m.group(3), 16))
        if 'Alternative Routing-ID Interpretation (ARI)' in s:
            cur['ari'] = True
        m = re.search(r'ARIFwd([+-])', s)
        if m and head == 'DevCtl2':
            cur['arifwd'] = m.group(1) == '+'
        elif m and head == 'DevCap2':
            cur['arifwdcap'] = m.group(1) == '+'
        m = re.match(r'ACS(Cap|Ctl):\s+(.*)', s)
        if m:
            bits = {k: v == '+' for k, v in re.findall(r'(\w+)([+-])', m.group(2))}
            cur['acs' + m.group(1).lower()] = bits
        m = re.match(r'Lnk(Cap|Sta):.*Speed ([0-9.]+)GT/s.*Width x(\d+)', s)
        if m:
            cur['lnk' + m.group(1).lower()] = (float(m.group(2)), int(m.group(3)))
        m = re.search(r'Bus: primary=[0-9a-f]+, secondary=([0-9a-f]+)', s)
        if m:
            cur['secondary'] = int(m.group(1), 16)
    # parent: the bridge whose secondary bus holds the function (None on a root bus)
    sec = {(b[:4], d['secondary']): b for b, d in devs.items() if d['secondary'] is not None}
    for b, d in devs.items():
        d['parent'] = sec.get((b[:4], int(b[5:7], 16)))
    return devs


# ---- kernel facts from a sysfs tree -------------------------------------------------------------

def kernel_facts(sysroot):
    base = os.path.join(sysroot, 'bus/pci/devices')
    facts = {}
    for b in sorted(os.listdir(base)):
        d = os.path.join(base, b)
        f = {}
        n = read(os.path.join(d, 'numa_node'))
        f['numa_node'] = int(n) if n and re.match(r'^-?\d+$', n) else None
        for link in ('iommu_group', 'driver', 'physfn'):
            p = os.path.join(d, link)
            f[link] = os.path.basename(os.readlink(p)) if os.path.islink(p) else None
        f['virtfn'] = sorted(os.path.basename(os.readlink(os.path.join(d, x)))
                             for x in os.listdir(d) if re.match(r'^virtfn\d+$', x))
        v = read(os.path.join(d, 'sriov_numvfs'))
        f['sriov_numvfs'] = int(v) if v and v.isdigit() else None
        try:
            with open(os.path.join(d, 'config'), 'rb') as cf:
                f['config'] = cf.read()
        except OSError:
            f['config'] = None
        facts[b] = f
    return facts


# ---- facets ------------------------------------------------------------------------------------

def facet_guest(out, ref):
    if ref is None:
        return skip('guest', 'no reference sysfs copy (sysfs-ref/) from the guest')
    k = kernel_facts(ref)
    pfs = [b for b, f in k.items() if f['virtfn']]
    vfs = [b for b, f in k.items() if f['physfn']]
    errs = []
    if not pfs:
        errs.append('no SR-IOV PF with VFs enabled')
    for pf in pfs:
        if k[pf]['sriov_numvfs'] != len(k[pf]['virtfn']):
            errs.append(f'{pf}: sriov_numvfs {k[pf]["sriov_numvfs"]} but {len(k[pf]["virtfn"])} virtfn links')
    for vf in vfs:
        if k[vf]['driver'] != 'nvme':
            errs.append(f'VF {vf} not bound to nvme (driver {k[vf]["driver"]})')
        ns = [x for x in os.listdir(os.path.join(ref, 'bus/pci/devices', vf)) if x == 'nvme']
        if not ns:
            errs.append(f'VF {vf} has no nvme controller')
    groups = {f['iommu_group'] for f in k.values() if f['iommu_group'] is not None}
    if len(groups) < 2:
        errs.append(f'{len(groups)} IOMMU groups')
    nodes = sorted(x for x in os.listdir(os.path.join(ref, 'devices/system/node')) if re.match(r'node\d+$', x))
    if nodes != ['node0', 'node1']:
        errs.append(f'NUMA nodes {nodes}')
    on1 = [b for b, f in k.items() if f['numa_node'] == 1]
    if not any(b in on1 for b in pfs):
        errs.append('the SR-IOV PF is not on NUMA node 1')
    report('guest', not errs, '; '.join(errs) or
           f'{len(k)} functions, {len(pfs)} PF with {len(vfs)} VFs bound to nvme, '
           f'{len(groups)} IOMMU groups, nodes {",".join(nodes)}, {len(on1)} functions on node 1')


def lspci_over(sysroot, args):
    r = subprocess.run(['lspci', *args, '-A', 'linux-sysfs', '-O', f'sysfs.path={sysroot}/bus/pci'],
                       capture_output=True, text=True)
    return r.stdout


def no_kmod(text):
    return '\n'.join(line for line in text.splitlines() if 'Kernel modules:' not in line)


def facet_snapshot(out, snap, ref):
    if guest_run(out, 'snapshot', 'snapshot') is None:
        return
    if snap is None:
        return report('snapshot', False, 'iovctl snapshot exited 0 but left no snapshot.tar.xz')
    errs = []
    live = read(os.path.join(out, 'lspci-vvv-nn-D.txt'))
    if live is None:
        errs.append('no lspci-vvv-nn-D.txt from the guest')
    elif no_kmod(lspci_over(snap, ['-vvv', '-nn', '-D'])).strip() != no_kmod(live).strip():
        errs.append('lspci -vvv -nn -D over the snapshot differs from the guest\'s')
    tv = read(os.path.join(out, 'lspci-tv.txt'))
    if tv is not None and lspci_over(snap, ['-tv']).strip() != tv.strip():
        errs.append('lspci -tv over the snapshot differs from the guest\'s')
    if ref is not None:
        a, b = kernel_facts(ref), kernel_facts(snap)
        if sorted(a) != sorted(b):
            errs.append(f'functions: kernel {sorted(set(a) - set(b))} missing, {sorted(set(b) - set(a))} extra')
        for bdf in sorted(set(a) & set(b)):
            for key in a[bdf]:
                if a[bdf][key] != b[bdf][key]:
                    errs.append(f'{bdf}: {key} differs from the kernel\'s')
    for dirpath, dirnames, filenames in os.walk(snap):
        for n in dirnames + filenames:
            p = os.path.join(dirpath, n)
            if os.path.islink(p):
                t = os.readlink(p)
                r = os.path.normpath(os.path.join(dirpath, t))
                if t.startswith('/') or not r.startswith(os.path.dirname(snap) + '/'):
                    errs.append(f'link {p} -> {t} leaves the snapshot')
    report('snapshot', not errs, '; '.join(errs[:8]) or
           'lspci -vvv/-tv over the replayed snapshot equal the live guest; '
           'config, numa_node, iommu_group, driver, VF links equal the kernel\'s; links stay inside')


def sriov_values(obj, field):
    rx = {
        'initial': r'initial',
        'total': r'total.?vfs?$',
        'num': r'(num|number).?(of.?)?vfs?$',
        'offset': r'(first.?)?vf.?offset$|\.offset$',
        'stride': r'stride$',
        'vfdid': r'vf.?dev(ice)?.?id$|vf.?device$',
    }[field]
    def val(v):
        # a device ID given as a string is hex, with or without 0x ("0010", "0x10")
        if field == 'vfdid' and isinstance(v, str) and re.match(r'^(0x)?[0-9a-f]+$', v, re.I):
            return float(int(v, 16))
        return as_num(v)
    return {val(v) for k, v in flat(obj) if re.search(r'sr.?iov', k) and re.search(rx, k)
            and not re.search(r'migration|sysfs', k) and val(v) is not None}


ACS_BIT = ['srcvalid', 'transblk', 'reqredir', 'cmpltredir', 'upstreamfwd', 'egressctrl', 'directtrans']
# a bit named in JSON, by the spec's/kernel's abbreviation or a spelled-out name
ACS_ABBR = {'sv': 'srcvalid', 'tb': 'transblk', 'rr': 'reqredir', 'cr': 'cmpltredir',
            'uf': 'upstreamfwd', 'ec': 'egressctrl', 'dt': 'directtrans'}
ACS_NAMES = [
    ('srcvalid', r'src|source'),
    ('transblk', r'trans(lation)?.?bl'),
    ('reqredir', r'req(uest)?.?redir'),
    ('cmpltredir', r'c(o)?mpl(e)?t(ion)?.?redir'),
    ('upstreamfwd', r'upstream'),
    ('egressctrl', r'egress'),
    ('directtrans', r'direct'),
]


def acs_canon(name):
    n = name.lower()
    if n in ACS_ABBR:
        return ACS_ABBR[n]
    return next((c for c, rx in ACS_NAMES if re.search(rx, n)), None)


def check_acs(bdf, obj, which, want, errs):
    """want: {lspci bit name: bool}. In the JSON, under a key containing 'acs': a register
    number, a list of bit names (SV, TB, ... or spelled out), or booleans named like the bits;
    in a part named like cap/capable/supported or ctl/control/enabled."""
    pairs = [(k, v) for k, v in flat(obj) if 'acs' in k and 'viol' not in k]
    if not pairs:
        errs.append(f'{bdf}: lspci decodes ACS, iovctl has no acs key')
        return
    sub = r'cap|support' if which == 'cap' else r'ctl|ctrl|control|enabl'
    other = r'ctl|ctrl|control|enabl' if which == 'cap' else r'cap|support'
    wantset = {acs_canon(x) for x, v in want.items() if v} - {None}
    # a register value, or a list of bit names, under a key named for the part
    names = {}
    for k, v in pairs:
        last = k.rsplit('.', 1)[-1]
        if not (re.search(sub, last) and not re.search(other, last)):
            continue
        if isinstance(v, int) and not isinstance(v, bool):
            got = {n for i, n in enumerate(ACS_BIT) if v >> i & 1}
            if got != wantset:
                errs.append(f'{bdf}: ACS {which} register {v & 0x7f:#x}: {sorted(got)}, lspci {sorted(wantset)}')
            return
        if isinstance(v, str):
            names.setdefault(k, set()).add(acs_canon(v))
    if names:
        for k, got in names.items():
            if got - {None} != wantset:
                errs.append(f'{bdf}: ACS {which} {k}: {sorted(got - {None})}, lspci {sorted(wantset)}')
        return
    # booleans named like the bits, in the cap or ctl part of the tree
    seen = 0
    for name, val in want.items():
        c = acs_canon(name)
        got = [v for k, v in pairs if isinstance(v, bool) and acs_canon(k.rsplit('.', 1)[-1]) == c
               and re.search(sub, k) and not re.search(r'\.(' + other + r')[^.]*\.', k)]
        if not got:
            continue
        seen += 1
        if val not in got:
            errs.append(f'{bdf}: ACS {which} {name}: lspci {val}, iovctl {got}')
    # an empty list of enabled bits leaves nothing to find: fine when lspci has none set
    if seen == 0 and wantset:
        errs.append(f'{bdf}: no ACS {which} bits found in iovctl JSON')


def read_cmds(out):
    """Set CMDS from the guest's `iovctl --list-cmds`, or CMDS_ERR to why that run failed."""
    global CMDS, CMDS_ERR
    d = os.path.join(out, 'iovctl')
    rc, text = read(os.path.join(d, 'list-cmds.rc')), read(os.path.join(d, 'list-cmds.txt'))
    if rc is None:
        CMDS_ERR = 'iovctl --list-cmds did not run in the guest'
    elif rc != '0':
        CMDS_ERR = f'iovctl --list-cmds exited {status(rc)}' + with_err(os.path.join(d, 'list-cmds.err'))
    elif not text:
        CMDS_ERR = 'iovctl --list-cmds printed nothing'
    else:
        CMDS = text.split()


def status(rc):
    """An exit status as recorded by the guest, with the signal named when one killed it."""
    return f'{rc} (killed by signal {int(rc) - 128})' if rc.isdigit() and 128 < int(rc) < 160 else rc


def with_err(path):
    err = read(path)
    return f': {err}' if err else ''


def absent(cmd):
    """True only when the guest's iovctl truly lacks cmd (a good list without it)."""
    return CMDS is not None and cmd not in CMDS


def facet_commands(out):
    report('commands', CMDS is not None, CMDS_ERR or f'iovctl --list-cmds: {" ".join(CMDS)}')


def guest_run(out, name, facet, ok_rcs=('0',), cmd=None):
    """The exit status of a guest run of iovctl (iovctl/NAME.rc) when it is one of ok_rcs;
    else None after reporting the facet skipped (cmd, default facet, is absent) or failed."""
    cmd = cmd or facet
    if absent(cmd):
        return skip(facet, f'no {cmd} subcommand in the guest\'s iovctl (iovctl --list-cmds)')
    if CMDS is None:
        return report(facet, False, f'{CMDS_ERR}, so {cmd} did not run')
    rc = read(os.path.join(out, 'iovctl', name + '.rc'))
    if rc is None:
        return report(facet, False, f'{cmd} is listed but did not run in the guest (no iovctl/{name}.rc)')
    if rc not in ok_rcs:
        return report(facet, False, f'{name} exited {status(rc)}' + with_err(os.path.join(out, 'iovctl', name + '.err')))
    return rc


def guest_json(out, name, facet, ok_rcs=('0',)):
    """The JSON a guest run of iovctl printed (iovctl/NAME.out), or None after reporting
    why the facet is skipped (the subcommand is absent) or failed."""
    path = os.path.join(out, 'iovctl', name + '.out')
    if guest_run(out, name, facet, ok_rcs) is None:
        return None
    js, jerr = load_json(path)
    if js is None:
        return report(facet, False, f'{name} output is not JSON: {jerr}')
    return js


def facet_inspect(out, ref, lsp):
    js = guest_json(out, 'inspect-json', 'inspect', ('0', '1'))
    if js is None:
        return
    devs = devices(js)
    k = kernel_facts(ref) if ref else {}
    errs, n = [], 0
    for bdf, d in sorted(lsp.items()):
        if bdf not in devs:
            errs.append(f'{bdf}: lspci sees it, inspect does not')
            continue
        obj, nest = devs[bdf]
        n += 1
        pairs = list(flat(obj))
        named = [v.lower() for kk, v in pairs if re.search(r'parent|upstream', kk) and is_bdf(v)]
        par = named[0] if named else nest
        if (named or nest) and par != d['parent'] and not (k.get(bdf, {}).get('physfn') == par):
            errs.append(f'{bdf}: parent {par} in inspect, {d["parent"]} per lspci')
        for field, want in d['sriov'].items():
            got = sriov_values(obj, field)
            if float(want) not in got:
                errs.append(f'{bdf}: SR-IOV {field}: lspci {want}, inspect {sorted(got) or "missing"}')
        # the ARI capability: a key 'ari' (an object, or true); false when lspci has none
        ari = [(kk, v) for kk, v in pairs if re.search(r'\.ari(\.|$)', kk)]
        ari_obj = any(re.search(r'\.ari$', kk) for kk, v in flat_keys(obj))
        flags = [v for kk, v in ari if isinstance(v, bool) and re.search(r'\.ari(\.(capable|supported|present))?$', kk)]
        if d['ari'] and not (ari_obj or True in flags):
            errs.append(f'{bdf}: lspci shows the ARI capability, inspect has no ari object')
        if not d['ari'] and True in flags:
            errs.append(f'{bdf}: inspect says ARI, lspci shows no ARI capability')
        for what, want in (('supported|cap', d['arifwdcap']), ('enabl|ctl|control', d['arifwd'])):
            if want is None:
                continue
            fw = [v for kk, v in pairs if 'ari' in kk and re.search(r'fwd|forward', kk)
                  and re.search(what, kk.rsplit('.', 1)[-1]) and isinstance(v, bool)]
            if fw and want not in fw:
                errs.append(f'{bdf}: ARI forwarding ({what.split("|")[0]}): lspci {want}, inspect {fw}')
        if d['acscap'] is not None:
            check_acs(bdf, obj, 'cap', d['acscap'], errs)
        if d['acsctl'] is not None:
            check_acs(bdf, obj, 'ctl', d['acsctl'], errs)
        # link: LnkCap against keys naming max/cap, LnkSta against the others (all of them); not the
        # upstream port's link, which some reports carry along
        own = [(kk, v) for kk, v in pairs if not re.search(r'upstream|port|parent|target', kk)]
        for what, sel in (('lnkcap', lambda kk: re.search(r'max|cap', kk)),
                          ('lnksta', lambda kk: not re.search(r'max|cap', kk))):
            if d[what] is None:
                continue
            speed, width = d[what]
            speeds = {as_num(v) for kk, v in own if 'speed' in kk and sel(kk) and as_num(v) is not None}
            widths = {as_num(v) for kk, v in own if 'width' in kk and sel(kk) and as_num(v) is not None}
            # every value inspect gives for the fact must be lspci's
            if speeds != {speed}:
                errs.append(f'{bdf}: {what} speed {speed} GT/s, inspect {sorted(speeds) or "missing"}')
            if widths != {width}:
                errs.append(f'{bdf}: {what} width x{width}, inspect {sorted(widths) or "missing"}')
        kf = k.get(bdf)
        if kf:
            nodes = [v for kk, v in pairs if 'numa' in kk and (v is None or (isinstance(v, int) and not isinstance(v, bool)))]
            want = kf['numa_node'] if kf['numa_node'] is None or kf['numa_node'] >= 0 else None
            if want not in nodes and not (want is None and -1 in nodes):
                errs.append(f'{bdf}: numa node: kernel {kf["numa_node"]}, inspect {nodes or "missing"}')
            if kf['iommu_group'] is not None:
                groups = [v for kk, v in pairs if 'iommu' in kk and 'group' in kk and isinstance(v, int) and not isinstance(v, bool)]
                if int(kf['iommu_group']) not in groups:
                    errs.append(f'{bdf}: iommu group: kernel {kf["iommu_group"]}, inspect {groups or "missing"}')
            if kf['physfn']:
                pf = kf['physfn']
                up = [v.lower() for kk, v in pairs if re.search(r'pf|physfn', kk) and is_bdf(v)]
                pf_lists = [v.lower() for kk, v in flat(devs.get(pf, ({}, None))[0]) if 'vf' in kk and is_bdf(v)]
                pfobj = devs.get(pf, ({}, None))[0]
                nested = any(own_addr(x) == bdf for x in walk_objs(pfobj))
                if up and pf not in up:
                    errs.append(f'{bdf}: VF of {pf} per sysfs, inspect names {up}')
                elif pf not in up and bdf not in pf_lists and not nested:
                    errs.append(f'{bdf}: VF of {pf} per sysfs, inspect links it to neither')
            if kf['virtfn']:
                got = sriov_values(obj, 'num')
                if float(len(kf['virtfn'])) not in got:
                    errs.append(f'{bdf}: {len(kf["virtfn"])} VFs in sysfs, inspect {sorted(got) or "missing"}')
    report('inspect', not errs, '; '.join(errs[:30]) + (f' (+{len(errs) - 30} more)' if len(errs) > 30 else '')
           if errs else f'{n} functions: presence, parents, SR-IOV, ARI, ACS, link, NUMA, IOMMU, VF links agree')


def flat_keys(o, path=''):
    """(key path, value) for every key of one device object, objects included."""
    if isinstance(o, dict):
        for k, v in o.items():
            if isinstance(v, dict) and own_addr(v):
                continue
            p = f'{path}.{k}'.lower()
            yield p, v
            yield from flat_keys(v, p)
    elif isinstance(o, list):
        for v in o:
            if not (isinstance(v, dict) and own_addr(v)):
                yield from flat_keys(v, path)


def walk_objs(o):
    if isinstance(o, dict):
        for v in o.values():
            if isinstance(v, dict):
                yield v
            yield from walk_objs(v)
    elif isinstance(o, list):
        for v in o:
            if isinstance(v, dict):
                yield v
            yield from walk_objs(v)


def facet_topology(out, ref, lsp):
    js = guest_json(out, 'topology-json', 'topology')
    if js is None:
        return
    devs = devices(js)
    k = kernel_facts(ref) if ref else {}
    errs = []
    for bdf, d in sorted(lsp.items()):
        vf = bool(k.get(bdf, {}).get('physfn'))
        if bdf not in devs:
            if not vf:      # VFs may be collapsed
                errs.append(f'{bdf}: missing from topology')
            continue
        par = devs[bdf][1]
        if par != d['parent'] and not (vf and par == k[bdf]['physfn']):
            errs.append(f'{bdf}: under {par} in topology, {d["parent"]} per lspci')
    report('topology', not errs, '; '.join(errs[:12]) or f'{len(devs)} functions nested as lspci has them')


def cpuset(v):
    """A CPU set given as a list of numbers or a string such as "0-3,8"; None if neither."""
    if isinstance(v, list) and all(isinstance(x, int) and not isinstance(x, bool) for x in v):
        return set(v)
    if isinstance(v, str) and re.match(r'^\d+(-\d+)?(,\d+(-\d+)?)*$', v):
        out = set()
        for part in v.split(','):
            a, _, b = part.partition('-')
            out.update(range(int(a), int(b or a) + 1))
        return out
    return None


def facet_bench(out, ref):
    target = read(os.path.join(out, 'iovctl/bench-target.txt'))
    if CMDS is not None and 'bench' in CMDS and target is None:
        return report('bench', False, 'bench exists but did not run (no VF namespace?)')
    js = guest_json(out, 'bench-json', 'bench')
    if js is None:
        return
    node = int(re.search(r'numa_node=(-?\d+)', target).group(1))
    pairs = list(flat(js))
    iops = [as_num(v) for k, v in pairs if 'iops' in k and as_num(v) is not None]
    nodes = [v for k, v in pairs if re.search(r'node', k) and not re.search(r'nodes', k)
             and isinstance(v, int) and not isinstance(v, bool)]
    errs = []
    if not iops or max(iops) <= 0:
        errs.append(f'IOPS {iops or "missing"}')
    if node not in nodes:
        errs.append(f'VF node {node} not among the NUMA nodes bench reports {nodes or "missing"}')
    # pinned: a 'pinned' flag must be true, and the CPUs it used must be the node's
    pinned = [v for k, v in pairs if k.endswith('pinned') and isinstance(v, bool)]
    if pinned and not all(pinned):
        errs.append('bench says it did not pin')
    want = cpuset(read(os.path.join(ref, f'devices/system/node/node{node}/cpulist')) or '') if ref else None
    used = {}
    for k, v in flat_keys(js):
        if re.search(r'cpus?_used|used_cpus', k) and cpuset(v) is not None:
            used[k] = cpuset(v)
    for k, v in used.items():
        if want is not None and not v <= want:
            errs.append(f'{k} {sorted(v)} outside node {node} CPUs {sorted(want)}')
    report('bench', not errs, '; '.join(errs) or
           f'{target}: IOPS {max(iops):.0f}, node {node}'
           + (f', ran on CPUs {sorted(set().union(*used.values()))} of the node' if used else ''))


def facet_monitor(out):
    path = os.path.join(out, 'iovctl/monitor-batch.out')
    rc = read(os.path.join(out, 'iovctl/monitor-batch.rc'))
    if absent('monitor'):
        return skip('monitor', 'no monitor subcommand in the guest\'s iovctl (iovctl --list-cmds)')
    if rc is None:
        return report('monitor', False, CMDS_ERR or 'monitor is listed but did not run in the guest')
    text = read(path) or ''
    errs = []
    if rc != '0':
        errs.append(f'monitor -b exited {status(rc)}: {read(path[:-4] + ".err")}')
    if not text:
        errs.append('monitor -b printed nothing')
    elif text.lstrip().startswith(('{', '[')):
        # JSON lines: one object per function per sample, and event records
        try:
            js = [json.loads(line) for line in text.splitlines() if line.strip()]
        except ValueError as err:
            js = None
            errs.append(f'monitor -b -j output is not JSON lines: {err}')
        if js is not None and not devices(js) and not any(isinstance(v, (int, float)) for _, v in flat(js)):
            errs.append('monitor -b -j holds neither devices nor counters')
    elif not re.search(r'[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]|eth\d|nvme\d|vd[a-z]', text):
        errs.append('monitor -b names no device of the guest')
    report('monitor', not errs, '; '.join(errs) or f'batch mode ran ({len(text.splitlines())} lines)')


def facet_monitor_vf(out):
    target = read(os.path.join(out, 'iovctl/bench-target.txt'))
    if absent('monitor') or absent('bench'):
        return skip('monitor-vf', 'no monitor or no bench subcommand in the guest\'s iovctl')
    if target is None:
        return report('monitor-vf', False, 'no VF namespace to load (see the bench facet)')
    vf = re.search(r'vf=(\S+)', target).group(1)
    if guest_run(out, 'monitor-vf', 'monitor-vf', cmd='monitor') is None:
        return
    brc = read(os.path.join(out, 'iovctl/monitor-vf-bench.rc'))
    bench = f'the bench beside it exited {status(brc) if brc else "unknown"}' + \
        with_err(os.path.join(out, 'iovctl/monitor-vf-bench.err'))
    samples = {}        # sample number -> the VF's rates.iops in it
    for n, line in enumerate((read(os.path.join(out, 'iovctl/monitor-vf.out')) or '').splitlines(), 1):
        try:
            o = json.loads(line)
        except ValueError as e:
            return report('monitor-vf', False, f'line {n} of monitor -j is not JSON: {e}')
        if isinstance(o, dict) and o.get('type') == 'function' and o.get('address') == vf:
            samples[o.get('sample')] = (o.get('rates') or {}).get('iops')
    if len(samples) < 2:
        return report('monitor-vf', False, f'{vf} in {len(samples)} sample(s), want 3; {bench}')
    first = min(samples)
    if samples[first] is not None:
        return report('monitor-vf', False, f'{vf}: iops {samples[first]} in the first sample, want null')
    later = [v for k, v in sorted(samples.items()) if k != first]
    if not any(isinstance(v, (int, float)) and v > 0 for v in later):
        return report('monitor-vf', False, f'{vf}: iops {later} after the first sample, want > 0; {bench}')
    report('monitor-vf', True, f'{vf} under bench: iops {", ".join(f"{v:.0f}" for v in later if v is not None)}')


def facet_replay(out, snap, iovctl):
    if absent('snapshot'):
        return skip('replay', 'no snapshot subcommand in the guest\'s iovctl (iovctl --list-cmds)')
    if CMDS is None:
        return report('replay', False, f'{CMDS_ERR}, so there is nothing to replay')
    if snap is None:
        return report('replay', False, 'no snapshot from the guest')
    if not iovctl or not os.access(iovctl, os.X_OK):
        return skip('replay', 'no iovctl binary on the host')
    done = []
    for name, args in (('inspect-json', ['inspect', '--all', '-j']), ('topology-json', ['topology', '-j'])):
        if absent(args[0]):
            continue
        live = os.path.join(out, 'iovctl', name + '.out')
        rc = read(os.path.join(out, 'iovctl', name + '.rc'))
        if rc is None or not read(live):
            return report('replay', False, f'{" ".join(args)} gave nothing in the guest (exit {rc})')
        r = subprocess.run([iovctl, '--sysfs-root', snap, *args], capture_output=True)
        with open(live, 'rb') as f:
            want = f.read()
        # 0, or 1 for inspect's findings, and the same as in the guest
        if str(r.returncode) != rc or r.returncode not in (0, 1):
            got = str(r.returncode) if r.returncode >= 0 else f'killed by signal {-r.returncode}'
            return report('replay', False, f'iovctl --sysfs-root SNAPSHOT {" ".join(args)} exited '
                          f'{got}, the live guest run {status(rc)}')
        if r.stdout != want:
            return report('replay', False, f'iovctl --sysfs-root SNAPSHOT {" ".join(args)} differs from the '
                          f'live guest run ({len(r.stdout)} vs {len(want)} bytes, exit {r.returncode})')
        done.append(' '.join(args))
    if not done:
        return skip('replay', 'neither inspect nor topology in the guest\'s iovctl')
    report('replay', True, f'{", ".join(done)}: identical on the replayed snapshot')


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    out = sys.argv[1]
    iovctl = sys.argv[2] if len(sys.argv) > 2 else None
    ref = os.path.join(out, 'sysfs-ref/sys')
    ref = ref if os.path.isdir(ref) else None
    tmp = tempfile.TemporaryDirectory()
    snap = None
    tb = os.path.join(out, 'snapshot.tar.xz')
    if os.path.exists(tb):
        with tarfile.open(tb) as t:
            t.extractall(tmp.name)
        snap = os.path.join(tmp.name, 'sys')
    text = read(os.path.join(out, 'lspci-vvv-nn-D.txt'))
    lsp = parse_lspci(text) if text else {}
    read_cmds(out)
    facet_commands(out)
    facet_guest(out, ref)
    facet_snapshot(out, snap, ref)
    if lsp:
        facet_inspect(out, ref, lsp)
        facet_topology(out, ref, lsp)
    else:
        report('lspci', False, 'no lspci-vvv-nn-D.txt from the guest')
    facet_bench(out, ref)
    facet_monitor(out)
    facet_monitor_vf(out)
    facet_replay(out, snap, iovctl)
    for facet, status, msg in results:
        print(f'{status} {facet}: {msg}')
    fails = sum(1 for r in results if r[1] == 'FAIL')
    skips = [r[0] for r in results if r[1] == 'SKIP']
    print(f'{len(results) - fails - len(skips)} passed, {fails} failed, skipped: {", ".join(skips) or "none"}')
    # the automake test-suite summary form, which .ci/run adds up
    print(f'# PASS: {len(results) - fails - len(skips)}\n# SKIP: {len(skips)}\n# FAIL: {fails}')
    sys.exit(1 if fails else 0)


main()
