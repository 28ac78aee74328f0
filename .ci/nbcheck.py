#!/usr/bin/env python3
"""Fails if any cell of an executed GoNB notebook failed.

    python3 .ci/nbcheck.py EXECUTED.ipynb...          exit 1 if any cell failed
    python3 .ci/nbcheck.py --expect EXECUTED.ipynb... exit 0 only if the failed cells are exactly the cells
                                                      tagged "nbcheck:expect-fail" (for .ci/testdata)
    python3 .ci/nbcheck.py --first-image-within S EXECUTED.ipynb...
                                                      also exit 1 if a notebook's first image came more than
                                                      S seconds after its first cell started (needs the timing
                                                      nbconvert records with --ExecutePreprocessor.record_timing)
    python3 .ci/nbcheck.py --selftest                 check the rules below on built-in examples

Why: GoNB answers Jupyter "ok" when a cell's program panics, calls os.Exit(N) or log.Fatal, when a %test fails
or when a !shell command fails; it only writes "exit status N" (and the panic) to stderr. So `jupyter nbconvert
--execute` exits 0. A cell failed if it has an "error" output (compile errors, `go get` errors), or if its stderr
has a line that starts with one of:
    panic:            a Go panic
    fatal error:      a Go runtime fatal error (deadlock, out of memory, concurrent map writes)
    exit status N     a program, test or !command that exited with N != 0 ("^C" may come before it)
    signal: NAME      a program killed by a signal
and if its output (stdout or stderr) has a "--- FAIL: " line of `go test` (%test).

A cell tagged "raises-exception" (Jupyter's tag for a cell that is meant to fail) is not checked.
Standard library only: CI has no PyPI.
"""

import datetime
import json
import re
import sys

EXPECT_TAG = "nbcheck:expect-fail"
ALLOW_TAG = "raises-exception"

STDERR_FAILURE = re.compile(
    r"^(?:panic: |fatal error: |(?:\^C)?exit status [1-9]\d*\s*$|signal: [a-z][a-z ]*\s*$)", re.M
)
ANY_STREAM_FAILURE = re.compile(r"^--- FAIL: ", re.M)


def _text(value):
    return "".join(value) if isinstance(value, list) else (value or "")


def _first_line(text, match):
    start = text.rfind("\n", 0, match.start()) + 1
    end = text.find("\n", match.start())
    return text[start : end if end >= 0 else len(text)].strip()


def cell_failure(cell):
    """Returns why a code cell failed, or None."""
    stderr, stdout = [], []
    for out in cell.get("outputs", []):
        kind = out.get("output_type")
        if kind == "error":
            # Skip go build's "# package" header lines to show the first real message.
            lines = [l for l in _text(out.get("evalue", "")).splitlines() if l.strip() and not l.startswith("# ")]
            return "error output: %s%s" % (out.get("ename", "error"), ": " + lines[0].strip() if lines else "")
        if kind == "stream":
            (stderr if out.get("name") == "stderr" else stdout).append(_text(out.get("text")))
    # Jupyter may split one stream into several outputs: join them before matching whole lines.
    err, std = "".join(stderr), "".join(stdout)
    for text in (std, err):
        m = ANY_STREAM_FAILURE.search(text)
        if m:
            return "test failed: " + _first_line(text, m)
    m = STDERR_FAILURE.search(err)
    if m:
        return "stderr: " + _first_line(err, m)
    return None


def failures(nb):
    """Returns [(cell index, reason, first source line)] for the notebook dict nb."""
    found = []
    for i, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") != "code":
            continue
        if ALLOW_TAG in cell.get("metadata", {}).get("tags", []):
            continue
        why = cell_failure(cell)
        if why:
            # Name the cell by its first line of code (not a bare "%%").
            src = [l.strip() for l in _text(cell.get("source")).splitlines() if l.strip() not in ("", "%%")]
            found.append((i, why, src[0] if src else ""))
    return found


def expected(nb):
    return {
        i
        for i, c in enumerate(nb.get("cells", []))
        if c.get("cell_type") == "code" and EXPECT_TAG in c.get("metadata", {}).get("tags", [])
    }


def _when(cell, key):
    stamp = cell.get("metadata", {}).get("execution", {}).get(key)
    return datetime.datetime.fromisoformat(stamp.replace("Z", "+00:00")) if stamp else None


def first_image(nb):
    """Returns (seconds, cell index) from the start of the first code cell to the end of the first cell that shows an
    image; (None, None) if no cell shows one. Raises ValueError if the timing nbconvert records is missing."""
    code = [(i, c) for i, c in enumerate(nb.get("cells", [])) if c.get("cell_type") == "code"]
    if not code:
        return None, None
    start = _when(code[0][1], "shell.execute_reply.started") or _when(code[0][1], "iopub.execute_input")
    for i, c in code:
        if any(k.startswith("image/") for o in c.get("outputs", []) for k in o.get("data", {})):
            end = _when(c, "shell.execute_reply")
            if start is None or end is None:
                raise ValueError("no execution timing in the notebook: run nbconvert with "
                                 "--ExecutePreprocessor.record_timing=True")
            return (end - start).total_seconds(), i
    return None, None


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def check(paths, image_within=None):
    bad = 0
    for path in paths:
        try:
            nb = load(path)
        except (OSError, ValueError) as e:
            print("%s: cannot read notebook: %s" % (path, e), file=sys.stderr)
            bad = 1
            continue
        found = failures(nb)
        ncode = sum(1 for c in nb.get("cells", []) if c.get("cell_type") == "code")
        for i, why, src in found:
            print("%s: cell %d failed (%s): %s" % (path, i, src, why), file=sys.stderr)
        if found:
            bad = 1
        else:
            print("%s: ok (%d code cells)" % (path, ncode))
        if image_within is not None:
            try:
                secs, cell = first_image(nb)
            except ValueError as e:
                print("%s: %s" % (path, e), file=sys.stderr)
                bad = 1
                continue
            if secs is None:
                print("%s: shows no image" % path)
            elif secs > image_within:
                print("%s: first image (cell %d) came %.1f s after the first cell started, over %g s" % (path, cell, secs, image_within), file=sys.stderr)
                bad = 1
            else:
                print("%s: first image (cell %d) %.1f s after the first cell started" % (path, cell, secs))
    return bad


def check_expect(paths):
    bad = 0
    for path in paths:
        nb = load(path)
        got = {i for i, _, _ in failures(nb)}
        want = expected(nb)
        if not want:
            print("%s: no cell is tagged %r" % (path, EXPECT_TAG), file=sys.stderr)
            bad = 1
        elif got != want:
            print(
                "%s: failed cells %s, but cells tagged %r are %s" % (path, sorted(got), EXPECT_TAG, sorted(want)),
                file=sys.stderr,
            )
            bad = 1
        else:
            print("%s: cells %s failed, as expected" % (path, sorted(got)))
    return bad


def selftest():
    def stream(name, text):
        return {"output_type": "stream", "name": name, "text": text}

    def code(*outputs, tags=()):
        return {"cell_type": "code", "metadata": {"tags": list(tags)}, "source": "x", "outputs": list(outputs)}

    cases = [
        # (cell, should fail)
        (code(stream("stdout", "sum = 30\n")), False),
        (code(stream("stderr", "I0101 12:00:00.000000  1 gonb.go:1] klog noise\n")), False),
        (code(stream("stderr", "exit status 0\n")), False),
        (code(stream("stdout", "panic: in a printed sentence, not on stderr\n")), False),
        (code(stream("stderr", "the word panic: inside a line\n")), False),
        (code(stream("stderr", "goroutine 1 [running]:\n"), stream("stderr", "main.main()\n")), False),
        (code(stream("stderr", "panic: boom\n\ngoroutine 1 [running]:\nmain.main()\n\texit status 2\n")), True),
        (code(stream("stderr", "exit status 3\n")), True),
        (code(stream("stderr", "some text\n^Cexit status 130\n")), True),
        (code(stream("stderr", "^C\nexit status 1")), True),
        (code(stream("stderr", "exit sta"), stream("stderr", "tus 1\n")), True),  # split across outputs
        (code(stream("stderr", "2025/01/01 12:00:00 bad input\nexit status 1\n")), True),  # log.Fatal
        (code(stream("stderr", "fatal error: all goroutines are asleep - deadlock!\n")), True),
        (code(stream("stderr", "signal: killed\n")), True),
        (code(stream("stdout", "--- FAIL: TestSum (0.00s)\nFAIL\n")), True),
        (code({"output_type": "error", "ename": "ERROR", "evalue": "undefined: x", "traceback": []}), True),
        (code(stream("stderr", "panic: expected\n"), tags=[ALLOW_TAG]), False),
    ]
    bad = 0
    for n, (cell, want) in enumerate(cases):
        got = bool(failures({"cells": [cell]}))
        if got != want:
            print("nbcheck selftest case %d: failed=%s, want %s: %r" % (n, got, want, cell["outputs"]), file=sys.stderr)
            bad = 1
    nb = {"cells": [code(stream("stderr", "panic: x\n"), tags=[EXPECT_TAG]), code(stream("stdout", "fine\n"))]}
    if {i for i, _, _ in failures(nb)} != expected(nb):
        print("nbcheck selftest: expect-fail tags not matched", file=sys.stderr)
        bad = 1
    def timed(started, ended, *outputs):
        c = code(*outputs)
        c["metadata"]["execution"] = {"shell.execute_reply.started": started, "shell.execute_reply": ended}
        return c

    png = {"output_type": "display_data", "data": {"image/png": "iVBOR"}, "metadata": {}}
    nb = {"cells": [timed("2026-01-01T00:00:00.000Z", "2026-01-01T00:00:05.000Z"),
                    timed("2026-01-01T00:00:05.000Z", "2026-01-01T00:00:12.500Z", png),
                    timed("2026-01-01T00:00:12.500Z", "2026-01-01T00:01:00.000Z", png)]}
    if first_image(nb) != (12.5, 1):
        print("nbcheck selftest: first image at %r, want (12.5, 1)" % (first_image(nb),), file=sys.stderr)
        bad = 1
    if first_image({"cells": [code(stream("stdout", "no image\n"))]}) != (None, None):
        print("nbcheck selftest: an image found where there is none", file=sys.stderr)
        bad = 1
    try:
        first_image({"cells": [code(png)]})
        print("nbcheck selftest: missing timing not reported", file=sys.stderr)
        bad = 1
    except ValueError:
        pass
    if not bad:
        print("nbcheck.py selftest: %d cases ok" % (len(cases) + 4))
    return bad


def main(argv):
    if argv == ["--selftest"]:
        return selftest()
    if argv and argv[0] == "--expect" and len(argv) > 1:
        return check_expect(argv[1:])
    if len(argv) > 2 and argv[0] == "--first-image-within":
        try:
            limit = float(argv[1])
        except ValueError:
            print("--first-image-within needs a number of seconds, got %r" % argv[1], file=sys.stderr)
            return 2
        return check(argv[2:], limit)
    if not argv or argv[0].startswith("-"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    return check(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
