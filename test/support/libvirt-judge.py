#!/usr/bin/python3
"""Asks a real libvirt whether it accepts documents, with no daemon.

Reads one JSON object per line on stdin, {"xml": "..."}, defines the domain on the driver named
by argv[1] ("qemu": the embedded QEMU driver rooted at argv[2]; "test": the test driver), undefines
it again, and answers one JSON line: {"ok": true} or {"ok": false, "error": "<libvirt's message>"}.
With {"xml": "...", "dump": true} an accepted document's answer also holds its definition as
libvirt formats it, {"ok": true, "xml": "..."}: for a domain dumpXML(VIR_DOMAIN_XML_INACTIVE).
{"root": "network"} or {"root": "storagepool"} defines a network or a storage pool instead (the
test driver has those; its own "default" network and "default-pool" are removed first, so that
documents may use those names); a defined object that was never started is dumped as defined.
libvirt can crash on some inputs: the caller restarts the judge and goes on.
"""
import json
import sys

import libvirt


def clear_defaults(conn: libvirt.virConnect) -> None:
    """The test driver starts with a running network "default" and pool "default-pool"."""
    for lookup in (conn.networkLookupByName, conn.storagePoolLookupByName):
        for name in ("default", "default-pool"):
            try:
                obj = lookup(name)
            except libvirt.libvirtError:
                continue
            if obj.isActive():
                obj.destroy()
            obj.undefine()


def define(conn: libvirt.virConnect, root: str, xml: str, dump: bool) -> dict:
    if root == "network":
        obj = conn.networkDefineXML(xml)
        flags = 0
    elif root == "storagepool":
        obj = conn.storagePoolDefineXML(xml, 0)
        flags = 0
    else:
        obj = conn.defineXML(xml)
        flags = libvirt.VIR_DOMAIN_XML_INACTIVE
    answer = {"ok": True}
    try:
        if dump:
            answer["xml"] = obj.XMLDesc(flags)
    finally:
        obj.undefine()
    return answer


def main() -> None:
    driver = sys.argv[1]
    libvirt.virEventRegisterDefaultImpl()
    # libvirt prints every error on stderr unless a handler takes them.
    libvirt.registerErrorHandler(lambda _ctx, _err: None, None)
    uri = f"qemu:///embed?root={sys.argv[2]}" if driver == "qemu" else "test:///default"
    conn = libvirt.open(uri)
    cleared = False
    print(json.dumps({"ready": True, "version": conn.getLibVersion()}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        root = request.get("root", "domain")
        try:
            if root != "domain" and not cleared:
                clear_defaults(conn)
                cleared = True
            answer = define(conn, root, request["xml"], bool(request.get("dump")))
        except libvirt.libvirtError as e:
            answer = {"ok": False, "error": str(e)}
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
