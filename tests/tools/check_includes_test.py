#!/usr/bin/env python3
"""The include checker finds what it must: an include cycle, a folder that includes a
higher layer, a header included without its folder. Run by ctest next to the check of
the real tree, so a checker that always passes would fail here."""
import os
import subprocess
import sys
import tempfile

CHECKER = os.path.join(os.path.dirname(__file__), "..", "..", "scripts", "check-includes.py")


def tree(files):
    d = tempfile.mkdtemp(prefix="xlb-includes-")
    for rel, text in files.items():
        p = os.path.join(d, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w") as fh:
            fh.write(text)
    return d


def check(files):
    out = subprocess.run([sys.executable, CHECKER, tree(files)], capture_output=True, text=True)
    return out.returncode, out.stdout


def expect(name, files, code, needle):
    rc, out = check(files)
    if rc != code or needle not in out:
        print(f"FAIL {name}: exit {rc}, wanted {code} with '{needle}' in:\n{out}")
        return False
    print(f"ok   {name}")
    return True


results = [
    expect("clean tree", {"core/a.hpp": "#pragma once\n", "model/b.hpp": '#include "core/a.hpp"\n'}, 0, "0 problem"),
    expect("cycle", {"core/a.hpp": '#include "core/b.hpp"\n', "core/b.cpp": '#include "core/a.hpp"\n',
                     "core/b.hpp": "#pragma once\n"}, 1, "include cycle: core/a -> core/b -> core/a"),
    expect("up include", {"core/a.hpp": '#include "model/b.hpp"\n', "model/b.hpp": "#pragma once\n"}, 1,
           "core/ includes model/, a higher layer"),
    expect("flat include", {"core/a.hpp": "#pragma once\n", "model/b.hpp": '#include "a.hpp"\n'}, 1,
           "is not a harness header by its folder path"),
    expect("unknown folder", {"misc/a.hpp": "#pragma once\n"}, 1, "folder 'misc' is not in LAYERS"),
]
sys.exit(0 if all(results) else 1)
