#!/usr/bin/env python3
"""Side by side with pciutils: every field both lspci -vvv and iovctl decode must agree.

usage: lspci-compare.py LSPCI INSPECT.json SYSFS_ROOT
Runs `LSPCI -vvv -D -O sysfs.path=SYSFS_ROOT/bus/pci`, parses what it decodes
(capability offsets, PCI Express device/link registers, MSI, MSI-X, PM,
ARI, ACS, ATS, SR-IOV, DSN, NUMA node, IOMMU group, driver) and compares it
with `iovctl inspect --all -j` output. Any disagreement is printed and the
exit status is 1; the closing line counts the fields compared.
"""
import json
import re
import subprocess
import sys

ACS_LSPCI = ['SrcValid', 'TransBlk', 'ReqRedir', 'CmpltRedir', 'UpstreamFwd', 'EgressCtrl', 'DirectTrans']
ACS_OURS = ['SV', 'TB', 'RR', 'CR', 'UF', 'EC', 'DT']
PORT_TYPES = {
    'Endpoint': 'endpoint', 'Legacy Endpoint': 'legacy_endpoint', 'Root Port': 'root_port',
    'Upstream Port': 'upstream_port', 'Downstream Port': 'downstream_port',
    'PCI-Express to PCI/PCI-X Bridge': 'pcie_to_pci_bridge',
    'PCI/PCI-X to PCI-Express Bridge': 'pci_to_pcie_bridge',
    'Root Complex Integrated Endpoint': 'rc_integrated_endpoint',
    'Root Complex Event Collector': 'rc_event_collector',
}


def flag(text, name):
    m = re.search(r'(?<![A-Za-z])' + re.escape(name) + r'([+-])', text)
    return None if m is None else m.group(1) == '+'


def parse_lspci(text):
    devs, cur, cap = {}, None, None
    for line in text.splitlines():
        m = re.match(r'^([0-9a-f]{4,8}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]) ', line)
        if m:
            cur = devs.setdefault(m.group(1), {'caps': [], 'text': {}})
            cap = None
            continue
        if cur is None or not line.strip():
            continue
        s = line.strip()
        m = re.match(r'Capabilities: \[([0-9a-f]+)(?: v(\d+))?\] (.*)', s)
        if m:
            off = int(m.group(1), 16)
            cap = m.group(3)
            # lspci repeats the entry where a list loops and follows pointers
            # into the header; the spec puts capabilities at 0x40 and above,
            # so iovctl stops there and reports the list as malformed
            if '<chain looped>' in cap or off < 0x40:
                cap = None
                continue
            cur['caps'].append((off >= 0x100, off))
            cur['text'].setdefault('cap:' + cap.split(':')[0].split(' (')[0], []).append(s)
            continue
        if cap is not None and line.startswith('\t\t'):
            cur['text'].setdefault('cap:' + cap.split(':')[0].split(' (')[0], []).append(s)
        else:
            cur['text'].setdefault('top', []).append(s)
    return devs


def speed(s):
    m = re.search(r'Speed ([0-9.]+)GT/s', s)
    return float(m.group(1)) if m else None


def width(s):
    m = re.search(r'Width x(\d+)', s)
    return int(m.group(1)) if m else None


class Cmp:
    def __init__(self):
        self.n = 0
        self.bad = 0

    def eq(self, bdf, what, lspci, ours):
        if lspci is None:
            return
        self.n += 1
        if lspci != ours:
            self.bad += 1
            print(f'{bdf}: {what}: lspci {lspci!r}, iovctl {ours!r}')


def get(o, *path):
    for p in path:
        if o is None:
            return None
        o = o.get(p) if isinstance(o, dict) else None
    return o


def lines(d, key):
    return d['text'].get(key, [])


def find(ls, prefix):
    for s in ls:
        if s.startswith(prefix):
            return s
    return None


def cmp_express(c, bdf, d, f):
    ls = lines(d, 'cap:Express')
    if not ls:
        return
    p = f.get('pcie') or {}
    m = re.match(r'Capabilities: \[[0-9a-f]+\] Express \(v(\d+)\) (.*?)(?: \(Slot[+-]\))?, (?:MSI|IntMsgNum)', ls[0])
    if m:
        c.eq(bdf, 'pcie version', int(m.group(1)), p.get('version'))
        if m.group(2) in PORT_TYPES:
            c.eq(bdf, 'pcie port type', PORT_TYPES[m.group(2)], p.get('port_type'))
    devcap = ' '.join(s for s in ls if s.startswith('DevCap:'))
    i = ls.index(find(ls, 'DevCap:')) if find(ls, 'DevCap:') else -1
    if i >= 0:
        devcap = ls[i] + ' ' + (ls[i + 1] if i + 1 < len(ls) else '')
        m = re.search(r'MaxPayload (\d+) bytes', devcap)
        c.eq(bdf, 'DevCap MaxPayload', int(m.group(1)) if m else None, p.get('max_payload_supported'))
        c.eq(bdf, 'DevCap FLReset', flag(devcap, 'FLReset'), p.get('flr'))
    for s in ls:
        m = re.search(r'MaxPayload (\d+) bytes, MaxReadReq (\d+) bytes', s)
        if m:
            c.eq(bdf, 'DevCtl MaxPayload', int(m.group(1)), p.get('max_payload'))
            c.eq(bdf, 'DevCtl MaxReadReq', int(m.group(2)), p.get('max_read_request'))
    lc, lsta = find(ls, 'LnkCap:'), find(ls, 'LnkSta:')
    if lc:
        c.eq(bdf, 'LnkCap speed', speed(lc), p.get('link_cap_speed_gts'))
        c.eq(bdf, 'LnkCap width', width(lc), p.get('link_cap_width'))
    if lsta:
        c.eq(bdf, 'LnkSta speed', speed(lsta), p.get('link_status_speed_gts'))
        c.eq(bdf, 'LnkSta width', width(lsta), p.get('link_status_width'))
    for key, ours in (('DevCap2:', 'ari_forwarding_supported'), ('DevCtl2:', 'ari_forwarding_enabled')):
        s = ' '.join(x for x in ls if x.startswith(key))
        j = [k for k, x in enumerate(ls) if x.startswith(key)]
        if j:
            s = ' '.join(ls[j[0]:j[0] + 5])
            s = s.split('LnkCap2:')[0].split('DevCtl2:' if key == 'DevCap2:' else 'LnkCap2', 1)[0]
        v = flag(s, 'ARIFwd')
        c.eq(bdf, key + ' ARIFwd', v, p.get(ours))


def cmp_msix(c, bdf, d, f):
    ls = lines(d, 'cap:MSI-X')
    if not ls:
        return
    x = get(f, 'interrupts', 'msix') or {}
    m = re.search(r'MSI-X: Enable([+-]) Count=(\d+) Masked([+-])', ls[0])
    if m:
        c.eq(bdf, 'MSI-X enable', m.group(1) == '+', x.get('enabled'))
        c.eq(bdf, 'MSI-X count', int(m.group(2)), x.get('table_size'))
        c.eq(bdf, 'MSI-X masked', m.group(3) == '+', x.get('masked'))
    for s in ls:
        m = re.match(r'Vector table: BAR=(\d+) offset=([0-9a-f]+)', s)
        if m:
            c.eq(bdf, 'MSI-X table BAR', int(m.group(1)), x.get('table_bar'))
            c.eq(bdf, 'MSI-X table offset', int(m.group(2), 16), x.get('table_offset'))
        m = re.match(r'PBA: BAR=(\d+) offset=([0-9a-f]+)', s)
        if m:
            c.eq(bdf, 'MSI-X PBA BAR', int(m.group(1)), x.get('pba_bar'))
            c.eq(bdf, 'MSI-X PBA offset', int(m.group(2), 16), x.get('pba_offset'))


def cmp_msi(c, bdf, d, f):
    ls = lines(d, 'cap:MSI')
    if not ls:
        return
    x = get(f, 'interrupts', 'msi') or {}
    m = re.search(r'MSI: Enable([+-]) Count=(\d+)/(\d+) Maskable([+-]) 64bit([+-])', ls[0])
    if m:
        c.eq(bdf, 'MSI enable', m.group(1) == '+', x.get('enabled'))
        c.eq(bdf, 'MSI enabled vectors', int(m.group(2)), x.get('vectors_enabled'))
        c.eq(bdf, 'MSI capable vectors', int(m.group(3)), x.get('vectors_capable'))
        c.eq(bdf, 'MSI maskable', m.group(4) == '+', x.get('maskable'))
        c.eq(bdf, 'MSI 64bit', m.group(5) == '+', x.get('addr64'))


def cmp_pm(c, bdf, d, f):
    ls = lines(d, 'cap:Power Management version 3') + lines(d, 'cap:Power Management version 2')
    st = find(ls, 'Status: D')
    if st:
        m = re.match(r'Status: D(\d|3hot)', st)
        want = {'0': 0, '1': 1, '2': 2, '3hot': 3}.get(m.group(1))
        c.eq(bdf, 'PM state', want, get(f, 'features', 'pm_state'))


def cmp_ari(c, bdf, d, f):
    ls = lines(d, 'cap:Alternative Routing-ID Interpretation')
    s = find(ls, 'ARICap:')
    if not s:
        return
    a = get(f, 'features', 'ari') or {}
    m = re.search(r'Next Function: (\d+)', s)
    c.eq(bdf, 'ARI next function', int(m.group(1)), a.get('next_function'))
    c.eq(bdf, 'ARI MFVC', flag(s, 'MFVC'), a.get('mfvc_function_groups'))
    c.eq(bdf, 'ARI ACS', flag(s, 'ACS'), a.get('acs_function_groups'))


def acs_list(s):
    return [o for l, o in zip(ACS_LSPCI, ACS_OURS) if flag(s, l)]


def cmp_acs(c, bdf, d, f):
    ls = lines(d, 'cap:Access Control Services')
    cap, ctl = find(ls, 'ACSCap:'), find(ls, 'ACSCtl:')
    a = get(f, 'features', 'acs') or {}
    if cap:
        c.eq(bdf, 'ACS capable', acs_list(cap), a.get('capable'))
    if ctl:
        c.eq(bdf, 'ACS enabled', acs_list(ctl), a.get('enabled'))


def cmp_ats(c, bdf, d, f):
    ls = lines(d, 'cap:Address Translation Service')
    a = get(f, 'features', 'ats') or {}
    cap, ctl = find(ls, 'ATSCap:'), find(ls, 'ATSCtl:')
    if cap:
        m = re.search(r'Invalidate Queue Depth: ([0-9a-f]+)', cap)
        depth = int(m.group(1), 16)
        c.eq(bdf, 'ATS queue depth', depth if depth else 32, a.get('invalidate_queue_depth'))
    if ctl:
        c.eq(bdf, 'ATS enable', flag(ctl, 'Enable'), a.get('enabled'))
        m = re.search(r'Smallest Translation Unit: ([0-9a-f]+)', ctl)
        c.eq(bdf, 'ATS STU', int(m.group(1), 16), a.get('smallest_translation_unit'))


def cmp_sriov(c, bdf, d, f):
    ls = lines(d, 'cap:Single Root I/O Virtualization')
    if not ls:
        return
    s = f.get('sriov') or {}
    cap, ctl, sta = find(ls, 'IOVCap:'), find(ls, 'IOVCtl:'), find(ls, 'IOVSta:')
    if cap:
        c.eq(bdf, 'IOVCap Migration', flag(cap, 'Migration'), s.get('vf_migration_capable'))
        c.eq(bdf, 'IOVCap 10BitTagReq', flag(cap, '10BitTagReq'), s.get('vf_10bit_tag_capable'))
        m = re.search(r'Interrupt Message Number: ([0-9a-f]+)', cap)
        c.eq(bdf, 'IOVCap interrupt message', int(m.group(1), 16), s.get('migration_interrupt_message'))
    if ctl:
        for l, o in (('Enable', 'vf_enable'), ('Migration', 'vf_migration_enable'),
                     ('Interrupt', 'vf_migration_interrupt_enable'), ('MSE', 'vf_memory_space_enable'),
                     ('ARIHierarchy', 'ari_capable_hierarchy'), ('10BitTagReq', 'vf_10bit_tag_enable')):
            c.eq(bdf, 'IOVCtl ' + l, flag(ctl, l), s.get(o))
    if sta:
        c.eq(bdf, 'IOVSta Migration', flag(sta, 'Migration'), s.get('vf_migration_status'))
    x = find(ls, 'Initial VFs:')
    if x:
        m = re.search(r'Initial VFs: (\d+), Total VFs: (\d+), Number of VFs: (\d+), Function Dependency Link: ([0-9a-f]+)', x)
        c.eq(bdf, 'InitialVFs', int(m.group(1)), s.get('initial_vfs'))
        c.eq(bdf, 'TotalVFs', int(m.group(2)), s.get('total_vfs'))
        c.eq(bdf, 'NumVFs', int(m.group(3)), s.get('num_vfs'))
        c.eq(bdf, 'Function Dependency Link', int(m.group(4), 16), s.get('function_dependency_link'))
    x = find(ls, 'VF offset:')
    if x:
        m = re.search(r'VF offset: (\d+), stride: (\d+), Device ID: ([0-9a-f]+)', x)
        c.eq(bdf, 'First VF Offset', int(m.group(1)), s.get('first_vf_offset'))
        c.eq(bdf, 'VF Stride', int(m.group(2)), s.get('vf_stride'))
        c.eq(bdf, 'VF Device ID', int(m.group(3), 16), s.get('vf_device_id'))
    x = find(ls, 'Supported Page Size:')
    if x:
        m = re.search(r'Supported Page Size: ([0-9a-f]+), System Page Size: ([0-9a-f]+)', x)
        c.eq(bdf, 'Supported Page Size', int(m.group(1), 16), s.get('supported_page_sizes'))
        c.eq(bdf, 'System Page Size', int(m.group(2), 16), s.get('system_page_size'))
    ours = {b['index']: b for b in s.get('vf_bars') or []}
    for x in ls:
        m = re.match(r'Region (\d+): Memory at ([0-9a-f]+) \((64|32)-bit, (non-)?prefetchable\)', x)
        if not m:
            continue
        i = int(m.group(1))
        b = ours.get(i, {})
        c.eq(bdf, f'VF BAR{i} address', int(m.group(2), 16), b.get('address'))
        c.eq(bdf, f'VF BAR{i} 64-bit', m.group(3) == '64', b.get('mem64'))
        c.eq(bdf, f'VF BAR{i} prefetchable', m.group(4) is None, b.get('prefetchable'))
    x = find(ls, 'VF Migration:')
    if x:
        m = re.search(r'offset: ([0-9a-f]+), BIR: (\d+)', x)
        c.eq(bdf, 'VF Migration offset', int(m.group(1), 16), s.get('vf_migration_state_offset'))
        c.eq(bdf, 'VF Migration BIR', int(m.group(2)), s.get('vf_migration_state_bir'))


def cmp_dsn(c, bdf, d, f):
    for key, ls in d['text'].items():
        if key.startswith('cap:Device Serial Number'):
            m = re.search(r'Device Serial Number ([0-9a-f-]+)', ls[0])
            c.eq(bdf, 'serial number', m.group(1).replace('-', ''), get(f, 'features', 'serial_number'))


def cmp_dvsec(c, bdf, d, f):
    ours = {x['offset']: x for x in f.get('dvsec') or []}
    for s in lines(d, 'cap:Designated Vendor-Specific'):
        m = re.match(r'Capabilities: \[([0-9a-f]+) v\d+\] Designated Vendor-Specific: '
                     r'Vendor=([0-9a-f]+) ID=([0-9a-f]+) Rev=(\d+) Len=(\d+)', s)
        if not m:
            continue
        off = int(m.group(1), 16)
        x = ours.get(off, {})
        c.eq(bdf, f'DVSEC@{off:x} vendor', int(m.group(2), 16), x.get('vendor_id'))
        c.eq(bdf, f'DVSEC@{off:x} ID', int(m.group(3), 16), x.get('dvsec_id'))
        c.eq(bdf, f'DVSEC@{off:x} revision', int(m.group(4)), x.get('revision'))
        c.eq(bdf, f'DVSEC@{off:x} length', int(m.group(5)), x.get('length'))


def cmp_raw_caps(c, bdf, d, f):
    """MR-IOV and Hierarchy ID: lspci names them and prints the version only"""
    ours = {x['offset']: x for x in f.get('raw_capabilities') or []}
    for key, name in (('cap:Multi-Root I/O Virtualization <?>', 'Multi-Root I/O Virtualization'),
                      ('cap:Hierarchy ID <?>', 'Hierarchy ID')):
        for s in lines(d, key):
            m = re.match(r'Capabilities: \[([0-9a-f]+) v(\d+)\] ', s)
            if not m:
                continue
            x = ours.get(int(m.group(1), 16), {})
            c.eq(bdf, name + ' name', name, x.get('description'))
            c.eq(bdf, name + ' version', int(m.group(2)), x.get('version'))


def cmp_pasid(c, bdf, d, f):
    ctl = find(lines(d, 'cap:Process Address Space ID'), 'PASIDCtl:')
    if ctl:
        c.eq(bdf, 'PASIDCtl Enable', flag(ctl, 'Enable'), get(f, 'features', 'pasid', 'enabled'))
        if f.get('scalable_iov'):
            c.eq(bdf, 'SIOV PASID enabled', flag(ctl, 'Enable'), f['scalable_iov'].get('pasid_enabled'))


def cmp_top(c, bdf, d, f):
    top = lines(d, 'top')
    x = find(top, 'NUMA node:')
    if x:
        c.eq(bdf, 'NUMA node', int(x.split(':')[1]), f.get('numa_node'))
    x = find(top, 'IOMMU group:')
    if x:
        c.eq(bdf, 'IOMMU group', int(x.split(':')[1]), f.get('iommu_group'))
    x = find(top, 'Kernel driver in use:')
    c.eq(bdf, 'driver', x.split(':', 1)[1].strip() if x else None, f.get('driver'))


def main():
    lspci, js, root = sys.argv[1:4]
    out = subprocess.run([lspci, '-vvv', '-D', '-O', f'sysfs.path={root}/bus/pci'],
                         capture_output=True, text=True).stdout
    ref = parse_lspci(out)
    ours = {f['address']: f for f in json.load(open(js))['functions']}
    c = Cmp()
    for bdf, d in sorted(ref.items()):
        f = ours.get(bdf)
        if f is None:
            print(f'{bdf}: lspci lists it, iovctl does not')
            c.bad += 1
            continue
        if (f.get('config_bytes') or 0) >= 256:
            got = sorted((x['extended'], x['offset']) for x in f.get('capabilities', []))
            c.eq(bdf, 'capability offsets', sorted(d['caps']), got)
        for fn in (cmp_express, cmp_msix, cmp_msi, cmp_pm, cmp_ari, cmp_acs, cmp_ats, cmp_sriov,
                   cmp_dsn, cmp_dvsec, cmp_raw_caps, cmp_pasid, cmp_top):
            fn(c, bdf, d, f)
    for bdf in ours:
        if bdf not in ref:
            print(f'{bdf}: iovctl lists it, lspci does not')
            c.bad += 1
    print(f'{len(ref)} functions, {c.n} fields compared with lspci, {c.bad} disagreements')
    sys.exit(1 if c.bad else 0)


main()
