#!/usr/bin/python3
"""Asks a real libvirt whether it accepts domain documents, with no daemon.

Reads one JSON object per line on stdin, {"xml": "..."}, defines the domain on the driver named
by argv[1] ("qemu": the embedded QEMU driver rooted at argv[2]; "test": the test driver), undefines
it again, and answers one JSON line: {"ok": true} or {"ok": false, "error": "<libvirt's message>"}.
With {"xml": "...", "dump": true} an accepted domain's answer also holds the definition as libvirt
formats it, dumpXML(VIR_DOMAIN_XML_INACTIVE) of the defined domain: {"ok": true, "xml": "..."}.
libvirt can crash on some inputs: the caller restarts the judge and goes on.
"""
import json
import sys

import libvirt


def main() -> None:
    driver = sys.argv[1]
    libvirt.virEventRegisterDefaultImpl()
    # libvirt prints every error on stderr unless a handler takes them.
    libvirt.registerErrorHandler(lambda _ctx, _err: None, None)
    uri = f"qemu:///embed?root={sys.argv[2]}" if driver == "qemu" else "test:///default"
    conn = libvirt.open(uri)
    print(json.dumps({"ready": True, "version": conn.getLibVersion()}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        try:
            dom = conn.defineXML(request["xml"])
            answer = {"ok": True}
            try:
                if request.get("dump"):
                    answer["xml"] = dom.XMLDesc(libvirt.VIR_DOMAIN_XML_INACTIVE)
            finally:
                dom.undefine()
        except libvirt.libvirtError as e:
            answer = {"ok": False, "error": str(e)}
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
