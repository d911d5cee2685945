#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Check `iovctl topology -j --vfs` on one fixture tree against its peers.

usage: topology-peers.py TOPOLOGY.json LSPCI_T.txt [LSTOPO.xml]

- Structure: every function's parent in the JSON (the nearest enclosing
  device object; none under a host bridge) must be its parent in `lspci -t`
  (a VF may sit under its PF instead), and every function lspci shows must be
  there.  A bridge missing from the capture ("captured": false) is not
  in lspci's view: its children appear there with no parent.
- Locality (when LSTOPO.xml, hwloc's XML of the same tree, is given and the
  machine has more than one NUMA node): where hwloc places a function under a
  single NUMA node, the JSON must give that node; where hwloc can only place
  it at machine level, the JSON must say null.
- Link bandwidth: hwloc's pci_link_speed (GB/s of the function's own link)
  must equal the JSON's link.gbps where both are known.
Prints one line per disagreement and a summary; exits 1 on any.
"""
import json
import re
import sys
import xml.etree.ElementTree as ET

ROOT = re.compile(r'\[([0-9a-f]{4,8}):([0-9a-f]{2})\]')
DEV = re.compile(r'(?<![0-9a-f:\[])([0-9a-f]{2})\.([0-7])(?:-\[([0-9a-f]{2})(?:-[0-9a-f]{2})?\])?')


def lspci_parents(text):
    """{bdf: parent bdf or None} from `lspci -t` output, by column nesting."""
    par = {}
    stack = []  # (column, domain, secondary bus, bdf or None)
    for line in text.splitlines():
        toks = [(m.start(), 'root', m) for m in ROOT.finditer(line)]
        toks += [(m.start(), 'dev', m) for m in DEV.finditer(line)
                 if not any(r.start() <= m.start() < r.end() for r in ROOT.finditer(line))]
        for col, kind, m in sorted(toks, key=lambda t: t[0]):
            while stack and stack[-1][0] >= col:
                stack.pop()
            if kind == 'root':
                stack.append((col, m.group(1), m.group(2), None))
                continue
            if not stack:
                raise ValueError(f'device before any root bus: {line!r}')
            _, dom, bus, parent = stack[-1]
            bdf = f'{dom}:{bus}:{m.group(1)}.{m.group(2)}'
            par[bdf] = parent
            if m.group(3):
                stack.append((col, dom, m.group(3), bdf))
    return par


def json_devices(js):
    """{bdf: (parent bdf or None, device object)} from the nesting of device objects.
    A host bridge starts a tree of its own, as in `lspci -t`, also where it
    nests under the function holding its root bus (Intel VMD)."""
    out = {}

    def walk(o, parent):
        if isinstance(o, dict):
            if 'host_bridge' in o:
                parent = None
            addr = o.get('address')
            if isinstance(addr, str):
                out[addr] = (parent, o)
                parent = addr
            for v in o.values():
                walk(v, parent)
        elif isinstance(o, list):
            for v in o:
                walk(v, parent)
    walk(js, None)
    return out


def hwloc_facts(path):
    """{bdf: (single NUMA node or None, link GB/s or None)}, and the node count."""
    tree = ET.parse(path)
    facts = {}
    nodes = 0

    def count(ns):
        return bin(int(ns, 16)).count('1') if ns else 0

    def walk(el, nodeset):
        nonlocal nodes
        if el.tag == 'object' and el.get('type') == 'NUMANode':
            nodes += 1
        if el.get('nodeset'):
            nodeset = el.get('nodeset')
        busid = el.get('pci_busid')
        if busid:
            node = None
            if count(nodeset) == 1:
                node = int(nodeset, 16).bit_length() - 1
            speed = el.get('pci_link_speed')
            facts[busid] = (node, float(speed) if speed else None, count(nodeset))
        for ch in el:
            walk(ch, nodeset)
    walk(tree.getroot(), None)
    return facts, nodes


def main():
    js = json.load(open(sys.argv[1]))
    jdev = json_devices(js)
    lpar = lspci_parents(open(sys.argv[2]).read())
    bad = 0
    for bdf, parent in sorted(lpar.items()):
        if bdf not in jdev:
            print(f'{bdf}: in lspci -t, missing from topology')
            bad += 1
            continue
        jp, obj = jdev[bdf]
        if jp == parent:
            continue
        if obj.get('role') == 'vf' and jp in jdev and jdev[jp][1].get('role') == 'pf':
            continue
        if parent is None and jp in jdev and jdev[jp][1].get('captured') is False:
            continue
        print(f'{bdf}: parent {jp} in topology, {parent} in lspci -t')
        bad += 1
    for bdf in sorted(set(jdev) - set(lpar)):
        if jdev[bdf][1].get('captured') is False:
            continue
        print(f'{bdf}: in topology, not in lspci -t')
        bad += 1
    checked = f'{len(lpar)} functions against lspci'
    if len(sys.argv) > 3:
        facts, nodes = hwloc_facts(sys.argv[3])
        nn = 0
        for bdf, (node, gbps, width) in sorted(facts.items()):
            if bdf not in jdev:
                continue
            obj = jdev[bdf][1]
            if nodes > 1:
                want = node if width == 1 else None
                if obj.get('numa_node') != want:
                    print(f'{bdf}: NUMA node {obj.get("numa_node")} in topology, {want} from hwloc')
                    bad += 1
                nn += 1
            link = obj.get('link') or {}
            mine = link.get('bytes_per_s')
            mine = mine / 1e9 if mine is not None else None
            if gbps and mine is not None and abs(gbps - mine) > 0.001 + gbps * 1e-4:
                print(f'{bdf}: link {mine} GB/s in topology, {gbps} from hwloc')
                bad += 1
        checked += f', {nn} NUMA placements and links against hwloc ({nodes} nodes)'
    print(f'{checked}: {bad} disagreements')
    sys.exit(1 if bad else 0)


main()
